// graphql-http's server audit (GraphQL over HTTP) against the running CMS, one
// audit at a time: no MUST and no SHOULD failing, and no audit request (even the
// MAY ones, with odd parameters) answered with a server error.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";

import { serverAudits } from "graphql-http";

import { SERVERS, endpoint } from "./helpers.js";

/** node's fetch, each answer read at once: the audit leaves some bodies unread, and
 * an unread body keeps its keep-alive socket (and this test file) busy. */
async function readingFetch(input, init) {
  const response = await fetch(input, init);
  const body = await response.arrayBuffer();
  const empty = [101, 204, 205, 304].includes(response.status);
  return new Response(empty ? null : body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

for (const { mode, url } of SERVERS) {
  describe(`graphql-http audit (${mode})`, () => {
    const results = [];
    before(async () => {
      for (const audit of serverAudits({ url: endpoint(url), fetchFn: readingFetch })) results.push(await audit.fn());
    });

    test("no MUST and no SHOULD failing", (t) => {
      const failing = { MUST: [], SHOULD: [] };
      for (const result of results) {
        const level = result.name.split(" ")[0];
        if (result.status === "ok") continue;
        const line = `${result.id} ${result.name}: ${result.reason} (${result.response.status})`;
        if (level in failing) failing[level].push(line);
        else t.diagnostic(`not required: ${line}`);
      }
      const passed = results.filter((r) => r.status === "ok").length;
      t.diagnostic(
        `${passed}/${results.length} ok; MUST failing ${failing.MUST.length}, ` +
          `SHOULD failing ${failing.SHOULD.length}`,
      );
      assert.deepEqual(failing, { MUST: [], SHOULD: [] });
    });

    test("no audit request is answered with a server error", () => {
      const errors = results
        .filter((r) => r.status !== "ok" && r.response.status >= 500)
        .map((r) => `${r.id} ${r.name}: ${r.response.status}`);
      assert.deepEqual(errors, []);
    });
  });
}
