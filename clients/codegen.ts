// graphql-codegen's client preset over the committed schema: the README's
// operations (scripts/readme-documents.js) and the typed usage in src/.
// Scalars as they travel in JSON (README, "Client set-up"):
import type { CodegenConfig } from "@graphql-codegen/cli";

// strictScalars: a scalar added to the schema without a mapping here fails codegen.
export const scalars = {
  DateTime: "string", // ISO 8601 with offset: "2023-09-07T11:30:00+00:00"
  Date: "string", // ISO 8601 date: "2023-09-07"
  Timecode: { input: "number | string", output: "string" }, // seconds, or "HH:MM:SS.mmm"
  UUID: "string",
  PositiveInt: "number",
  JSONString: "string", // JSON text: JSON.parse it
};

const config: CodegenConfig = {
  schema: "../schema.graphql",
  documents: ["generated/readme/*.graphql", "src/**/*.ts"],
  ignoreNoDocuments: false,
  generates: {
    "generated/gql/": {
      preset: "client",
      config: {
        scalars,
        strictScalars: true,
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;
