// The CMS's CSRF token in the browser: the csrftoken cookie (the CMS sets it on
// the portal's origin through /graphql/), or the `csrfToken` query's answer when
// the cookie is not set yet (README, "Signing in from a frontend"). No Apollo
// here: the header's account menu uses it on every page.

function cookie(name: string): string | null {
  if (typeof document === "undefined") return null;
  const found = document.cookie.split("; ").find((part) => part.startsWith(`${name}=`));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : null;
}

export async function csrfToken(): Promise<string> {
  const fromCookie = cookie("csrftoken");
  if (fromCookie) return fromCookie;
  const response = await fetch("/graphql/", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ query: "query CsrfToken { csrfToken }" }),
  });
  const answer = (await response.json()) as { data?: { csrfToken?: string } };
  return answer.data?.csrfToken ?? "";
}

/**
 * One GraphQL operation from the browser without Apollo Client (what every page's
 * header needs: who is signed in, sign out), so Apollo is loaded only where the
 * journalist acts. Mutations carry X-CSRFToken. GraphQL errors are thrown as
 * `{ errors }`, as Apollo's CombinedGraphQLErrors (lib/errors.ts reads both).
 */
export async function operation<T>(text: string, variables: Record<string, unknown> = {}): Promise<T> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (/^\s*mutation\b/.test(text)) headers["X-CSRFToken"] = await csrfToken();
  const response = await fetch("/graphql/", {
    method: "POST",
    credentials: "same-origin",
    headers,
    body: JSON.stringify({ query: text, variables }),
  });
  const answer = (await response.json()) as { data?: T; errors?: unknown[] };
  if (answer.errors?.length) throw { errors: answer.errors };
  return answer.data as T;
}
