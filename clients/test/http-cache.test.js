// HTTP caching as a CDN and a browser see it: a GET answer carries an ETag and a
// conditional GET with it is a 304 (Apollo's own GETs: apq.test.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { endpoint } from "./helpers.js";

test("a GET answer has an ETag and a conditional GET with it is 304", async () => {
  const url = `${endpoint()}?query=${encodeURIComponent('{ topics { slug } }')}`;
  const first = await fetch(url);
  assert.equal(first.status, 200);
  const etag = first.headers.get("etag");
  assert.ok(etag, "an ETag");
  assert.match(first.headers.get("cache-control"), /public/);
  const again = await fetch(url, { headers: { "if-none-match": etag } });
  assert.equal(again.status, 304);
  assert.equal(await again.text(), "");
});
