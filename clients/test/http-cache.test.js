// HTTP caching as a CDN and a browser see it: a GET answer carries an ETag and a
// conditional GET with it is a 304; Apollo reads the CDN-cacheable GET answer.
import assert from "node:assert/strict";
import { test } from "node:test";

import { gql } from "@apollo/client";

import { CMS_URL, endpoint, fresh, makeClient, possibleTypes, recordingFetch } from "./helpers.js";

test("a GET answer has an ETag and a conditional GET with it is 304", async () => {
  const url = `${endpoint()}?query=${encodeURIComponent('{ topics(locale: "en") { slug } }')}`;
  const first = await fetch(url);
  assert.equal(first.status, 200);
  const etag = first.headers.get("etag");
  assert.ok(etag, "an ETag");
  assert.match(first.headers.get("cache-control"), /public/);
  const again = await fetch(url, { headers: { "if-none-match": etag } });
  assert.equal(again.status, 304);
  assert.equal(await again.text(), "");
});

test("Apollo's hashed GET is the cacheable path: ETag, public, 304 on revalidation", async () => {
  const alias = fresh();
  const query = gql`query Cacheable { ${alias}: topics(locale: "fr") { id slug name } }`;
  const types = await possibleTypes();
  await makeClient({ types }).query({ query }); // persists the query
  const recorded = recordingFetch();
  const { data } = await makeClient({ types, fetch: recorded }).query({ query });
  assert.ok(data[alias].length > 0);
  const [exchange] = recorded.exchanges;
  assert.equal(exchange.method, "GET");
  assert.equal(exchange.status, 200, exchange.body);
  assert.match(exchange.headers.get("cache-control") ?? "", /public/);
  const etag = exchange.headers.get("etag");
  assert.ok(etag, "Apollo's GET answer has an ETag");
  // Apollo sends no If-None-Match itself (node's fetch keeps no HTTP cache): a CDN
  // or a browser revalidates the same request.
  const revalidated = await fetch(exchange.url, {
    headers: { ...Object.fromEntries(exchange.requestHeaders), "if-none-match": etag },
  });
  assert.equal(revalidated.status, 304);
  assert.equal(CMS_URL, new URL(exchange.url).origin);
});
