// How server components read the CMS: Apollo Client through its Next.js
// integration (one client per request), automatic persisted queries sent as GET
// (CDN-cacheable, with ETag), the committed possibleTypes for fragments on
// interfaces and unions. `read` is anonymous: no cookie is forwarded, so every
// answer can be shared (README, "Delivery"). `readAsReader` is for what a signed-in
// journalist reads (pages, lists, search): it forwards their CMS session, so an
// accredited journalist sees releases under embargo; those answers are theirs
// alone: fetched with `no-store`, never in Next's data cache (no ISR), and the
// page is sent `private, no-store` (src/proxy.ts).
import { createHash } from "node:crypto";
import { cookies } from "next/headers";
import {
  ApolloLink,
  CombinedGraphQLErrors,
  HttpLink,
  type OperationVariables,
  type TypedDocumentNode,
} from "@apollo/client";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { ApolloClient, InMemoryCache, registerApolloClient } from "@apollo/client-integration-nextjs";
import possibleTypes from "@/gql/possibleTypes.json";
import { CMS_URL } from "./cms-url";
import { SESSION_COOKIE } from "./session";

export { CMS_URL } from "./cms-url";
/** Tag on every cached CMS answer: the publish webhook expires it (api/revalidate). */
export const CMS_TAG = "cms";
/** Seconds a CMS answer is reused without a webhook telling of a change. */
export const REVALIDATE_SECONDS = 300;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export const { getClient } = registerApolloClient(
  () =>
    new ApolloClient({
      cache: new InMemoryCache({ possibleTypes }),
      link: ApolloLink.from([
        new PersistedQueryLink({ sha256, useGETForHashedQueries: true }),
        new HttpLink({ uri: `${CMS_URL}/graphql/` }),
      ]),
    }),
);

/** A GraphQL error of the API, by its stable code (README, "Error codes"). */
export type ApiError = { code: string; message: string; argument?: string };

export type Read<T> = { data: T | undefined; errors: ApiError[] };

/**
 * Run a query. Coded GraphQL errors (UNKNOWN_TOPIC, INVALID_ARGUMENT…) come back
 * beside the data for the page to explain; a CMS that cannot be reached throws, so
 * the route's error page (with its retry) shows.
 */
export async function read<T, V extends OperationVariables>(
  query: TypedDocumentNode<T, V>,
  variables: V,
  options: { preview?: boolean; session?: string | null } = {},
): Promise<Read<T>> {
  const personal = Boolean(options.preview || options.session);
  const result = await getClient().query({
    query,
    variables,
    errorPolicy: "all",
    // No normalized cache: the client is this request's own (registerApolloClient),
    // so it would only ever store each answer to read it back, field by field, at
    // a cost on every render (bench/frontend.py). Answers are shared by Next's
    // data cache (anonymous reads); the same operation asked twice in one render
    // (generateMetadata and the page) is one request (Apollo's in-flight
    // deduplication, Next's memoized GET).
    fetchPolicy: "no-cache",
    context: {
      ...(options.session ? { headers: { cookie: options.session } } : {}),
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
  return { data: (result.data ?? undefined) as T | undefined, errors };
}

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
