// The README's operations as a TypeScript frontend uses them: typed from the
// committed schema.graphql by graphql-codegen's client preset (codegen.ts, scalar
// mappings), then `tsc --noEmit` over them and src/usage.ts. (Valid as written:
// readme.test.js.)
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { writeDocuments } from "../scripts/readme-documents.js";

const here = fileURLToPath(new URL("..", import.meta.url));

function run(tool, args) {
  try {
    return execFileSync(`${here}node_modules/.bin/${tool}`, args, { cwd: here, encoding: "utf8" });
  } catch (error) {
    assert.fail(`${tool} failed:\n${error.stdout}\n${error.stderr}`);
  }
}

test("graphql-codegen's client preset types the README's operations and tsc accepts them", () => {
  const names = writeDocuments().flatMap(({ names }) => names);
  assert.ok(names.length > 0, "README.md has operations");
  run("graphql-codegen", ["--config", "codegen.ts"]);
  const generated = readFileSync(`${here}generated/gql/graphql.ts`, "utf8");
  for (const name of [...names, "ReleaseCard", "VideoPlayer"]) {
    assert.match(generated, new RegExp(`export const ${name}Document\\b`), `${name} is typed`);
  }
  run("tsc", ["--noEmit", "-p", "tsconfig.json"]);
});
