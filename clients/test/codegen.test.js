// The README's operations against the committed schema.graphql, as a TypeScript
// frontend uses them: valid as written, typed by graphql-codegen's client preset
// (codegen.ts, scalar mappings), and `tsc --noEmit` over src/usage.ts.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { buildSchema, parse, validate } from "graphql";

import { README, graphqlBlocks, writeDocuments } from "../scripts/readme-documents.js";

const here = fileURLToPath(new URL("..", import.meta.url));
const schema = buildSchema(readFileSync(`${here}../schema.graphql`, "utf8"));

function run(tool, args) {
  try {
    return execFileSync(`${here}node_modules/.bin/${tool}`, args, { cwd: here, encoding: "utf8" });
  } catch (error) {
    assert.fail(`${tool} failed:\n${error.stdout}\n${error.stderr}`);
  }
}

test("every README example is valid against schema.graphql as written", () => {
  const blocks = graphqlBlocks(readFileSync(README, "utf8"));
  assert.ok(blocks.length > 0, "README.md has ```graphql blocks");
  const problems = [];
  for (const { line, text } of blocks) {
    let errors;
    try {
      errors = validate(schema, parse(text));
    } catch (error) {
      errors = [error];
    }
    for (const error of errors) problems.push(`README.md line ${line}: ${error.message}`);
  }
  assert.deepEqual(problems, []);
});

test("graphql-codegen's client preset types the README's operations and tsc accepts them", () => {
  writeDocuments();
  run("graphql-codegen", ["--config", "codegen.ts", "--silent"]);
  const generated = readFileSync(`${here}generated/gql/graphql.ts`, "utf8");
  for (const name of ["Readme01_1Document", "ReleaseCardDocument", "VideoPlayerDocument"]) {
    assert.match(generated, new RegExp(`export const ${name}\\b`));
  }
  run("tsc", ["--noEmit", "-p", "tsconfig.json"]);
});
