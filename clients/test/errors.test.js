// Error routing as a frontend does it: an ErrorLink that dispatches on
// extensions.code (Apollo 4's CombinedGraphQLErrors).
import assert from "node:assert/strict";
import { test } from "node:test";

import { CombinedGraphQLErrors, ServerError, gql } from "@apollo/client";
import { ErrorLink } from "@apollo/client/link/error";

import { makeClient, possibleTypes } from "./helpers.js";

// Plain POSTs (no persisted-query link): the subject is how errors reach the link.

/** An error link routing each GraphQL error by its code; what it saw. */
function routing() {
  const routed = [];
  const link = new ErrorLink(({ error }) => {
    if (CombinedGraphQLErrors.is(error)) {
      for (const { extensions } of error.errors) routed.push(extensions?.code ?? "NO_CODE");
    } else {
      routed.push(`${error.name} ${ServerError.is(error) ? error.statusCode : ""}`.trim());
    }
  });
  return { link, routed };
}

test("a bad argument is a GraphQL error routed by its code, INVALID_ARGUMENT", async () => {
  const { link, routed } = routing();
  const client = makeClient({ types: await possibleTypes(), links: [link], persisted: false });
  const { error } = await client.query({
    query: gql`query BadArgument { pressReleases(perPage: 1000) { items { id } } }`,
    errorPolicy: "all",
  });
  assert.ok(CombinedGraphQLErrors.is(error), String(error));
  assert.deepEqual(routed, ["INVALID_ARGUMENT"]);
});

test("a query that fails validation is a GraphQL error with a code, not a bare ServerError", async () => {
  const { link, routed } = routing();
  const client = makeClient({ types: await possibleTypes(), links: [link], persisted: false });
  const { error } = await client.query({
    query: gql`query Invalid { pressReleases { noSuchField } }`,
    errorPolicy: "all",
  });
  assert.deepEqual(routed, ["GRAPHQL_VALIDATION_FAILED"]);
  assert.ok(CombinedGraphQLErrors.is(error), String(error));
});
