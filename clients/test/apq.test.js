// Stock Apollo Client 4 with automatic persisted queries over GET, unmodified: the
// first GET misses and the link sends the query; then hashed GETs are hits, and
// they are the CDN-cacheable path (ETag, public, 304 on revalidation).
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";

import { gql } from "@apollo/client";

import { SERVERS, fresh, makeClient, possibleTypes, recordingFetch } from "./helpers.js";

for (const { mode, url } of SERVERS) {
  describe(`Apollo Client 4, persisted queries over GET (${mode})`, () => {
    let types;
    before(async () => {
      types = await possibleTypes(url);
    });

    test("persisted queries over GET work unmodified: miss, retry with the query, then a GET hit", async () => {
      const alias = fresh();
      const query = gql`query Apq { ${alias}: topics { id slug name } }`;

      const first = recordingFetch();
      const result = await makeClient({ url, types, fetch: first }).query({ query });
      const steps = first.exchanges.map((e) => `${e.method} ${e.status}`);
      assert.equal(first.exchanges[0].method, "GET", "the hashed query goes out as GET");
      assert.match(first.exchanges[0].body, /PERSISTED_QUERY_NOT_FOUND/, steps.join(", "));
      assert.deepEqual(steps.slice(1), ["POST 200"], "then the query once, with its hash");
      assert.ok(result.data[alias].length > 0);

      const second = recordingFetch();
      const again = await makeClient({ url, types, fetch: second }).query({ query });
      assert.deepEqual(second.exchanges.map((e) => `${e.method} ${e.status}`), ["GET 200"]);
      assert.ok(!second.exchanges[0].url.includes("query="), "the hash alone, no query text");
      assert.deepEqual(again.data, result.data);
    });

    test("Apollo's hashed GET is the cacheable path: ETag, public, 304 on revalidation", async () => {
      const alias = fresh();
      const query = gql`query Cacheable { ${alias}: topics { id slug name parent { id } } }`;
      await makeClient({ url, types }).query({ query }); // persists the query
      const recorded = recordingFetch();
      const { data } = await makeClient({ url, types, fetch: recorded }).query({ query });
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
      assert.equal(new URL(exchange.url).origin, url);
    });
  });
}
