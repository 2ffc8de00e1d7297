"use client";
// The browser's Apollo Client, for what the journalist does (sign in, download,
// subscribe): wrapped around those components only (ApolloWrapper), so a page
// where nobody acts does not load it (README, "Benchmark"). It talks to /graphql/ on the portal's own origin (next.config.ts
// proxies it to the CMS), so the CMS's session and CSRF cookies live on this
// origin. Every mutation carries X-CSRFToken: the csrftoken cookie, or the
// `csrfToken` query's answer when the cookie is not set yet (README, "Signing in
// from a frontend").
import { ApolloLink, HttpLink } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { ApolloClient, ApolloNextAppProvider, InMemoryCache } from "@apollo/client-integration-nextjs";
import { getMainDefinition } from "@apollo/client/utilities";
import type { ReactNode } from "react";
import possibleTypes from "@/gql/possibleTypes.json";
import { csrfToken } from "./csrf-browser";

export { csrfToken };

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

function makeClient() {
  const csrf = new SetContextLink(async (prevContext, operation) => {
    const definition = getMainDefinition(operation.query);
    if (definition.kind !== "OperationDefinition" || definition.operation !== "mutation") return {};
    return { headers: { ...prevContext.headers, "X-CSRFToken": await csrfToken() } };
  });
    // Rendering a client component on the server (SSR) asks the CMS directly.
  const uri =
    typeof window === "undefined"
      ? `${(process.env.CMS_URL ?? "http://127.0.0.1:8000").replace(/\/$/, "")}/graphql/`
      : "/graphql/";
  return new ApolloClient({
    cache: new InMemoryCache({ possibleTypes }),
    link: ApolloLink.from([
      csrf,
      new PersistedQueryLink({ sha256, useGETForHashedQueries: true }),
      new HttpLink({ uri, credentials: "same-origin" }),
    ]),
    // Account data is per person: never served from the cache.
    defaultOptions: { watchQuery: { fetchPolicy: "network-only" }, query: { fetchPolicy: "network-only" } },
  });
}

export function ApolloWrapper({ children }: { children: ReactNode }) {
  return <ApolloNextAppProvider makeClient={makeClient}>{children}</ApolloNextAppProvider>;
}
