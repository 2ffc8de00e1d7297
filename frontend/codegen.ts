// graphql-codegen's client preset over the repository's committed schema: every
// graphql() document under src/ becomes a TypedDocumentNode (src/gql/, generated,
// not committed). Scalars as they travel in JSON (README, "Client set-up").
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**/*"],
  ignoreNoDocuments: false,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        scalars: {
          DateTime: "string",
          Date: "string",
          Timecode: { input: "number | string", output: "string" },
          UUID: "string",
          PositiveInt: "number",
          JSONString: "string",
        },
        strictScalars: true,
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;
