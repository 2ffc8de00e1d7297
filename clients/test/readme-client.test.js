// The README's "Client set-up" snippet runs as written: the ```js block is saved
// next to a possibleTypes.json (the committed one, or read by introspection until
// there is one), pointed at the running CMS, imported and used.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { gql } from "@apollo/client";

import { README } from "../scripts/readme-documents.js";
import { CMS_URL, ROOT, possibleTypes } from "./helpers.js";

const folder = fileURLToPath(new URL("../generated/readme-client/", import.meta.url));

async function readmeClient() {
  const readme = readFileSync(README, "utf8");
  const section = readme.slice(readme.indexOf("### Client set-up"));
  const snippet = section.match(/^```js\n([\s\S]*?)^```/m)[1];
  mkdirSync(folder, { recursive: true });
  const committed = `${ROOT}possibleTypes.json`;
  const types = existsSync(committed)
    ? readFileSync(committed, "utf8")
    : JSON.stringify(await possibleTypes());
  writeFileSync(`${folder}possibleTypes.json`, types);
  const file = `${folder}client-${Date.now()}.mjs`;
  writeFileSync(file, snippet.replaceAll("http://127.0.0.1:8000", CMS_URL));
  return (await import(file)).client;
}

test("the README's client set-up runs: a query over hashed GET, an error routed by code", async (t) => {
  const client = await readmeClient();
  const { data } = await client.query({
    query: gql`query ReadmeTopics { topics { id slug name } }`,
  });
  assert.ok(data.topics.length > 0);

  const warn = t.mock.method(console, "warn", () => {});
  const { error } = await client.query({
    query: gql`query ReadmeBadArgument { pressReleases(perPage: 1000) { items { id } } }`,
    errorPolicy: "all",
  });
  assert.ok(error, "an error");
  assert.deepEqual(warn.mock.calls.map((call) => call.arguments[0]), ["bad argument"]);
});
