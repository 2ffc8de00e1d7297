/** The CMS's session cookie (its name on the CMS, SESSION_COOKIE_NAME). The
 * browser holds it on the portal's origin: /graphql/ forwards it (lib/forward.ts). */
export const SESSION_COOKIE = process.env.CMS_SESSION_COOKIE ?? "sessionid";
