// graphql-http's server audit (GraphQL over HTTP) against the running CMS.
import assert from "node:assert/strict";
import { test } from "node:test";

import { auditServer } from "graphql-http";

import { SERVERS, endpoint } from "./helpers.js";

for (const { mode, url } of SERVERS) {
  test(`graphql-http audit (${mode}): no MUST and no SHOULD failing`, async (t) => {
    const results = await auditServer({ url: endpoint(url) });
    const failing = { MUST: [], SHOULD: [] };
    for (const result of results) {
      const level = result.name.split(" ")[0];
      if (result.status !== "ok" && level in failing) {
        failing[level].push(`${result.id} ${result.name}: ${result.reason}`);
      }
    }
    const passed = results.filter((r) => r.status === "ok").length;
    t.diagnostic(`${passed}/${results.length} ok; MUST failing ${failing.MUST.length}, SHOULD failing ${failing.SHOULD.length}`);
    for (const line of [...failing.MUST, ...failing.SHOULD]) t.diagnostic(line);
    assert.deepEqual(failing, { MUST: [], SHOULD: [] });
  });
}
