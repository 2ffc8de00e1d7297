// Every operation of README.md runs as written against the running CMS, DEBUG off
// and on (`make run`): mutations with the CSRF token as the README says. Errors are
// expected (made-up codes, no session…); a server error is not: no 5xx, no
// INTERNAL_SERVER_ERROR (and no CSRF_FAILED: the token is sent as the README says).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { Kind, parse, print } from "graphql";

import { README, graphqlBlocks } from "../scripts/readme-documents.js";
import { SERVERS, endpoint } from "./helpers.js";

/** Each operation of the README on its own: [label, text, isMutation]. */
function operations() {
  const found = [];
  for (const { line, text } of graphqlBlocks(readFileSync(README, "utf8"))) {
    for (const definition of parse(text).definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const label = `README.md line ${line} ${definition.name?.value ?? definition.operation}`;
      found.push([label, print(definition), definition.operation === "mutation"]);
    }
  }
  return found;
}

/** The CSRF token and its cookie, as a frontend gets them: the csrfToken query. */
async function csrf(url) {
  const response = await fetch(endpoint(url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ csrfToken }" }),
  });
  const { data } = await response.json();
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("csrftoken="));
  return { token: data.csrfToken, cookie: cookie.split(";")[0] };
}

for (const { mode, url } of SERVERS) {
  test(`every README operation runs without a server error (${mode})`, async () => {
    const { token, cookie } = await csrf(url);
    const failures = [];
    for (const [label, query, mutation] of operations()) {
      const headers = { "content-type": "application/json" };
      if (mutation) Object.assign(headers, { "x-csrftoken": token, cookie });
      const response = await fetch(endpoint(url), {
        method: "POST",
        headers,
        body: JSON.stringify({ query }),
      });
      const text = await response.text();
      if (response.status >= 500 || /INTERNAL_SERVER_ERROR|CSRF_FAILED/.test(text)) {
        failures.push(`${label}: ${response.status} ${text.slice(0, 300)}`);
      }
    }
    assert.deepEqual(failures, []);
  });
}
