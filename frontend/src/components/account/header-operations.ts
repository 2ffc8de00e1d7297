// The header's two operations, sent without Apollo (lib/csrf-browser.ts) so that
// every page does not load it, nor the generated documents of "@/gql" (which hold
// every operation of the portal): plain strings here. operations.ts has the same
// operations as typed documents (lib.test.ts checks they match).
export const ME_TEXT =
  "query Me { me { email firstName lastName name organisation mediaType country countryName preferredLanguage emailVerified dateJoined } }";
export const LOGOUT_TEXT = "mutation Logout { logout { ok csrfToken } }";
