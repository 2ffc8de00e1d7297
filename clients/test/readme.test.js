// Every ```graphql block of README.md runs as written: it parses and validates
// against the committed schema.graphql (one anonymous operation per block, or
// named operations).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { buildSchema, parse, validate } from "graphql";

import { README, graphqlBlocks } from "../scripts/readme-documents.js";

const here = fileURLToPath(new URL("..", import.meta.url));
const schema = buildSchema(readFileSync(`${here}../schema.graphql`, "utf8"));

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
