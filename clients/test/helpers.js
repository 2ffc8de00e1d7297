// Shared by the client tests: where the CMS is, and a stock Apollo Client 4 set up
// as the README's "Client set-up" says (possibleTypes, APQ over GET, error link).
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { map } from "rxjs";

// The CMS started by tests/clients/test_node_clients.py: DEBUG off as in production,
// and (when given) a second one on the same content with DEBUG on, as `make run`.
export const CMS_URL = process.env.CMS_URL ?? "http://127.0.0.1:8000";
export const CMS_URL_DEBUG = process.env.CMS_URL_DEBUG;
export const SERVERS = [
  { mode: "DEBUG off", url: CMS_URL },
  ...(CMS_URL_DEBUG ? [{ mode: "DEBUG on", url: CMS_URL_DEBUG }] : []),
];
export const endpoint = (url = CMS_URL) => `${url}/graphql/`;

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const POSSIBLE_TYPES = `${ROOT}possibleTypes.json`;

export const sha256 = (text) => createHash("sha256").update(text).digest("hex");

// A query nobody has persisted yet: persisted queries live in the server's cache.
export const fresh = () => `n${randomUUID().replaceAll("-", "")}`;

/** The possibleTypes InMemoryCache needs for fragments on interfaces and unions:
 * the committed possibleTypes.json (`make schema`), else read by introspection. */
export async function possibleTypes(url = CMS_URL) {
  if (existsSync(POSSIBLE_TYPES)) {
    return JSON.parse(readFileSync(POSSIBLE_TYPES, "utf8"));
  }
  const answer = await post(url, {
    query: "{ __schema { types { kind name possibleTypes { name } } } }",
  });
  const found = {};
  for (const type of answer.body.data.__schema.types) {
    if (type.possibleTypes) found[type.name] = type.possibleTypes.map((t) => t.name);
  }
  return found;
}

/** The type of the ``locale`` argument (a String, or a LanguageCode enum), for
 * operations that pass the language as a variable. */
export async function localeType(url = CMS_URL) {
  const answer = await post(url, {
    query: '{ __type(name: "Query") { fields { name args { name type { name } } } } }',
  });
  const field = answer.body.data.__type.fields.find((f) => f.name === "pressRelease");
  return field.args.find((a) => a.name === "locale").type.name;
}

/** POST a GraphQL request with node's fetch; the status, headers and JSON body. */
export async function post(url, payload, headers = {}) {
  const response = await fetch(endpoint(url), {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(payload),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** node's fetch, remembering each exchange (method, URL, request headers, status,
 * response headers) for the tests to look at. */
export function recordingFetch() {
  const exchanges = [];
  async function recorded(input, init = {}) {
    const response = await fetch(input, init);
    exchanges.push({
      method: init.method ?? "GET",
      url: String(input),
      requestHeaders: new Headers(init.headers),
      requestBody: init.body,
      status: response.status,
      headers: response.headers,
      body: await response.clone().text(),
    });
    return response;
  }
  recorded.exchanges = exchanges;
  return recorded;
}

/** A stock Apollo Client 4: InMemoryCache with possibleTypes, the persisted-query
 * link hashing with SHA-256 and sending hashed queries with GET, an HTTP link on
 * node's fetch. ``answers`` keeps every result as it came from the network.
 * ``persisted: false`` leaves the persisted-query link out (plain POSTs), for the
 * tests whose subject is something else. */
export function makeClient({
  url = CMS_URL,
  types,
  fetch: fetchFn = fetch,
  links = [],
  persisted = true,
}) {
  const answers = [];
  const record = new ApolloLink((operation, forward) =>
    forward(operation).pipe(
      map((result) => {
        answers.push({
          operationName: operation.operationName,
          variables: operation.variables,
          result: structuredClone(result),
        });
        return result;
      }),
    ),
  );
  const link = ApolloLink.from([
    ...links,
    ...(persisted ? [new PersistedQueryLink({ sha256, useGETForHashedQueries: true })] : []),
    record,
    new HttpLink({ uri: endpoint(url), fetch: fetchFn }),
  ]);
  const client = new ApolloClient({ link, cache: new InMemoryCache({ possibleTypes: types }) });
  client.answers = answers;
  return client;
}

/** The last network answer of an operation (by name and variables). */
export function networkAnswer(client, operationName, variables = {}) {
  const found = client.answers.findLast(
    (a) =>
      a.operationName === operationName &&
      JSON.stringify(a.variables) === JSON.stringify(variables) &&
      a.result.data,
  );
  if (!found) throw new Error(`No network answer for ${operationName}`);
  return found.result.data;
}

/** Every object of an answer that a normalised cache stores under a key of its own:
 * [key, object, path] for each object with __typename and a non-null id. */
export function keyedObjects(value, path = "data", found = []) {
  if (Array.isArray(value)) {
    value.forEach((item, index) => keyedObjects(item, `${path}[${index}]`, found));
  } else if (value && typeof value === "object") {
    if (value.__typename && value.id != null) {
      found.push([`${value.__typename}:${value.id}`, value, path]);
    }
    for (const [field, inner] of Object.entries(value)) {
      keyedObjects(inner, `${path}.${field}`, found);
    }
  }
  return found;
}

/** Keys that stand for two different things: the same key whose objects disagree
 * on a field both carry (scalars only; nested objects are keyed on their own). */
export function keyClashes(answers) {
  const seen = new Map();
  const clashes = new Set();
  for (const answer of answers) {
    for (const [key, object, path] of keyedObjects(answer)) {
      const before = seen.get(key);
      if (!before) {
        seen.set(key, { object, path });
        continue;
      }
      for (const [field, value] of Object.entries(object)) {
        if (value !== null && typeof value === "object") continue;
        if (field in before.object && before.object[field] !== value) {
          clashes.add(`${key}.${field}: ${JSON.stringify(before.object[field])} vs ${JSON.stringify(value)}`);
        }
      }
    }
  }
  return [...clashes];
}

/** Where two JSON values first differ: "path: a vs b", or null when equal. */
export function firstDifference(a, b, path = "data") {
  if (a === b) return null;
  if (a && b && typeof a === "object" && typeof b === "object") {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference(a[key], b[key], `${path}.${key}`);
      if (found) return found;
    }
    return null;
  }
  return `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}
