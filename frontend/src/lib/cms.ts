// How server components read the CMS: Apollo Client, automatic persisted queries
// sent as GET (CDN-cacheable, with ETag), the committed possibleTypes for
// fragments on interfaces and unions. `read` is anonymous: no cookie is
// forwarded, so every answer can be shared (README, "Delivery"). `readAsReader`
// is for what a signed-in journalist reads (pages, lists, search): it forwards
// their CMS session, so an accredited journalist sees releases under embargo;
// those answers are theirs alone: fetched with `no-store`, never in Next's data
// cache (no ISR), and the page is sent `private, no-store` (src/proxy.ts).
//
// One Apollo Client serves every request, and it keeps no answer: no normalized
// cache (`no-cache`) and no in-flight deduplication across requests (one reader's
// answer must never reach another). A client per request (the Next.js
// integration's registerApolloClient) would transform, print and hash every
// document again on each render, and store each answer in its cache only to read
// it back (bench/frontend.py). Answers are shared by Next's data cache (anonymous
// reads only); within one render, the same read asked twice (generateMetadata and
// the page) is one request (React's cache()).
import { createHash } from "node:crypto";
import { cookies } from "next/headers";
import { cache } from "react";
import {
  ApolloLink,
  CombinedGraphQLErrors,
  HttpLink,
  type OperationVariables,
  type TypedDocumentNode,
} from "@apollo/client";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { ApolloClient, InMemoryCache } from "@apollo/client";
import possibleTypes from "@/gql/possibleTypes.json";
import { CMS_URL } from "./cms-url";
import { SESSION_COOKIE } from "./session";

export { CMS_URL } from "./cms-url";
/** Tag on every cached CMS answer: the publish webhook expires it (api/revalidate). */
export const CMS_TAG = "cms";
/** Seconds a CMS answer is reused without a webhook telling of a change. */
export const REVALIDATE_SECONDS = 300;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const client = new ApolloClient({
  cache: new InMemoryCache({ possibleTypes }),
  link: ApolloLink.from([
    new PersistedQueryLink({ sha256, useGETForHashedQueries: true }),
    new HttpLink({ uri: `${CMS_URL}/graphql/` }),
  ]),
  queryDeduplication: false,
});

/** A GraphQL error of the API, by its stable code (README, "Error codes"). */
export type ApiError = { code: string; message: string; argument?: string };

export type Read<T> = { data: T | undefined; errors: ApiError[] };

/**
 * Run a query. Coded GraphQL errors (UNKNOWN_TOPIC, INVALID_ARGUMENT…) come back
 * beside the data for the page to explain; a CMS that cannot be reached throws, so
 * the route's error page (with its retry) shows.
 */
export function read<T, V extends OperationVariables>(
  query: TypedDocumentNode<T, V>,
  variables: V,
  options: { preview?: boolean; session?: string | null } = {},
): Promise<Read<T>> {
  const document = query as TypedDocumentNode<unknown, OperationVariables>;
  return readOnce(document, JSON.stringify(variables), Boolean(options.preview), options.session ?? null) as Promise<Read<T>>;
}

/** One read per render for the same query, variables and reader (React's cache()
 * lives as long as the request's render). */
const readOnce = cache(async function readOnce(
  query: TypedDocumentNode<unknown, OperationVariables>,
  variables: string,
  preview: boolean,
  session: string | null,
): Promise<Read<unknown>> {
  const personal = preview || Boolean(session);
  const result = await client.query({
    query,
    variables: JSON.parse(variables) as OperationVariables,
    errorPolicy: "all",
    fetchPolicy: "no-cache",
    context: {
      ...(session ? { headers: { cookie: session } } : {}),
      fetchOptions: personal
        ? { cache: "no-store" }
        : { next: { revalidate: REVALIDATE_SECONDS, tags: [CMS_TAG] } },
    },
  });
  const errors: ApiError[] = [];
  if (result.error) {
    if (!CombinedGraphQLErrors.is(result.error)) throw result.error;
    for (const error of result.error.errors) {
      const extensions = (error.extensions ?? {}) as { code?: string; argument?: string };
      errors.push({ code: extensions.code ?? "UNKNOWN", message: error.message, argument: extensions.argument });
    }
  }
  return { data: result.data ?? undefined, errors };
});

/** The journalist's CMS session as a Cookie header, or null when signed out. */
export async function readerSession(): Promise<string | null> {
  const value = (await cookies()).get(SESSION_COOKIE)?.value;
  return value ? `${SESSION_COOKIE}=${value}` : null;
}

/** A read as the journalist who asks (signed out: the shared anonymous read). */
export async function readAsReader<T, V extends OperationVariables>(
  query: TypedDocumentNode<T, V>,
  variables: V,
): Promise<Read<T>> {
  return read(query, variables, { session: await readerSession() });
}
