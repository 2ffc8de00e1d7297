import { isLang, type Lang } from "./i18n";

// What src/proxy.ts decides before a page is rendered, so that a missing page and
// a CMS that cannot be reached are whole server-rendered pages with their status
// (404, 503). Next renders a notFound() or an error thrown while rendering as an
// empty `<html id="__next_error__">` document drawn by JavaScript only (Next.js
// issue #62228): a reader without JavaScript, or a crawler, would see nothing.

/** The portal's own pages for "not found" and "the CMS cannot be reached", rendered
 * by app/(frontend)/[lang]/[...path] at these segments when the proxy asks. */
export const NOT_FOUND_SEGMENT = "__not-found";
export const API_DOWN_SEGMENT = "__api-down";
/** Marks the proxy's own request for one of these pages (it is let through). */
export const FALLBACK_HEADER = "x-portal-fallback";
/** The path to try again from the "API down" page (set by the proxy). */
export const RETRY_HEADER = "x-portal-retry";

/** Sections of the portal that are its own routes, not CMS pages at their urlPath. */
const PORTAL_ROUTES = new Set(["account", "newsletter", "people", "preview", "search", "topics", "feed.xml"]);

/** A CMS page is found at this path by app/(frontend)/[lang]/[...path]. */
export function isCmsPagePath(pathname: string): boolean {
  const [, lang, first] = pathname.split("/");
  return isLang(lang ?? "") && Boolean(first) && !PORTAL_ROUTES.has(first);
}

/** The urlPath the CMS knows a page by (`/en/newsroom/x/`), as the page asks. */
export function urlPathOf(pathname: string): string {
  let path = pathname.endsWith("/") ? pathname : `${pathname}/`;
  try {
    path = decodeURI(path);
  } catch {
    // A malformed escape: the CMS has no such page.
  }
  return path;
}

/** A path to come back to (the "try again" link): this site's path, else home. */
export function retryPath(value: string | null | undefined, lang: Lang): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(value)) {
    return `/${lang}/`;
  }
  return value;
}

export type PageState = "found" | "missing" | "down";

/** Seconds an anonymous "found" is remembered, so a page read again and again
 * costs the CMS nothing (its answers come from Next's data cache). A page
 * unpublished within that time still answers 404, from the page's own notFound(). */
export const FOUND_MEMO_SECONDS = 30;
const MEMO_LIMIT = 5000;
const found = new Map<string, number>();

function remembered(key: string, now: number): boolean {
  const until = found.get(key);
  if (until === undefined) return false;
  if (until > now) return true;
  found.delete(key);
  return false;
}

function remember(key: string, now: number): void {
  // Oldest first out past the limit (a Map keeps insertion order).
  if (found.size >= MEMO_LIMIT) found.delete(found.keys().next().value as string);
  found.set(key, now + FOUND_MEMO_SECONDS * 1000);
}

/** Forget every remembered answer (tests). */
export function forgetPageStates(): void {
  found.clear();
}

const GATE_QUERY = "query PortalGate($urlPath: String!) { page(urlPath: $urlPath) { __typename } }";

/**
 * Whether the CMS has a page at this path for this reader (their session cookie:
 * a release under embargo exists for an accredited journalist only), or cannot
 * be reached. `cmsPage` false: only whether the CMS answers.
 */
export async function pageState(
  cmsUrl: string,
  pathname: string,
  cookie: string | null,
  cmsPage: boolean,
  timeoutMs = 5000,
  now = Date.now(),
): Promise<PageState> {
  // A signed-in reader's answer is theirs (embargo): never remembered.
  const key = `${cmsUrl} ${cmsPage ? urlPathOf(pathname) : ""}`;
  if (!cookie && remembered(key, now)) return "found";
  const state = await askCms(cmsUrl, pathname, cookie, cmsPage, timeoutMs);
  if (!cookie && state === "found") remember(key, now);
  return state;
}

async function askCms(
  cmsUrl: string,
  pathname: string,
  cookie: string | null,
  cmsPage: boolean,
  timeoutMs: number,
): Promise<PageState> {
  let response: Response;
  let answer: { data?: { page?: unknown } | null };
  try {
    response = await fetch(`${cmsUrl}/graphql/`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ query: GATE_QUERY, variables: { urlPath: urlPathOf(pathname) } }),
      cache: "no-store",
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status >= 500) return "down";
    answer = await response.json();
  } catch {
    return "down";
  }
  // A coded error (a path the CMS refuses, too many requests): the page itself
  // explains it; only a page the CMS answers null for is missing.
  if (!cmsPage || response.status === 429) return "found";
  return answer?.data?.page ? "found" : "missing";
}
