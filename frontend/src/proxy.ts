import { NextResponse, type NextRequest } from "next/server";
import { CMS_URL } from "@/lib/cms-url";
import {
  API_DOWN_SEGMENT,
  FALLBACK_HEADER,
  NOT_FOUND_SEGMENT,
  RETRY_HEADER,
  isCmsPagePath,
  pageState,
} from "@/lib/gate";
import { isLang, type Lang } from "@/lib/i18n";
import { SESSION_COOKIE } from "@/lib/session";
import { preferredLang } from "@/lib/negotiate";

// - `/` goes (307) to the language the browser prefers (Accept-Language).
// - A path outside the language trees (`/de/`, `/de/newsroom/`, `/nope`), or one
//   the CMS has no page at, is the portal's own 404 page; a CMS that cannot be
//   reached gives the "try again" page (503). Both are whole server-rendered
//   documents (src/lib/gate.ts says why the proxy decides them).
// - Server components are told the path and language asked (x-portal-path,
//   x-portal-lang): the not-found page has no params.
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const accepted = request.headers.get("accept-language");
  if (pathname === "/") {
    const url = request.nextUrl.clone();
    url.pathname = `/${preferredLang(accepted)}/`;
    const response = NextResponse.redirect(url, 307);
    response.headers.set("Vary", "Accept-Language");
    return response;
  }
  const headers = new Headers(request.headers);
  headers.set("x-portal-path", pathname);
  const first = pathname.split("/")[1] ?? "";
  if (!isLang(first)) return fallbackPage(request, preferredLang(accepted), "not-found");
  headers.set("x-portal-lang", first);
  if (isDocumentRequest(request)) {
    const session = request.cookies.get(SESSION_COOKIE)?.value;
    const cmsPage = isCmsPagePath(pathname);
    const state = await pageState(CMS_URL, pathname, session ? `${SESSION_COOKIE}=${session}` : null, cmsPage);
    if (state === "missing") return fallbackPage(request, first, "not-found");
    if (state === "down") return fallbackPage(request, first, "api-down");
  }
  const response = NextResponse.next({ request: { headers } });
  // A signed-in journalist's pages are read with their session (lib/cms.ts,
  // readAsReader): they may hold releases under embargo, so no shared cache
  // (CDN, proxy) may keep them.
  if (request.cookies.has(SESSION_COOKIE)) response.headers.set("Cache-Control", "private, no-store");
  return response;
}

/** A page a reader opens (not a client navigation's RSC request, not the proxy's
 * own request for a fallback page, not a feed). */
function isDocumentRequest(request: NextRequest): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  if (request.headers.has(FALLBACK_HEADER) || request.headers.get("rsc") === "1") return false;
  return !request.nextUrl.pathname.endsWith("feed.xml") && !request.nextUrl.pathname.endsWith("feed.xml/");
}

/** Where this portal answers itself (the fallback pages are rendered by it). */
function ownOrigin(): string {
  return (process.env.PORTAL_INTERNAL_URL ?? `http://127.0.0.1:${process.env.PORT ?? "3000"}`).replace(/\/$/, "");
}

/** The portal's "not found" (404) or "try again" (503) page, rendered on the
 * server as any page is, sent with its status. */
async function fallbackPage(request: NextRequest, lang: Lang, kind: "not-found" | "api-down") {
  const status = kind === "not-found" ? 404 : 503;
  const segment = kind === "not-found" ? NOT_FOUND_SEGMENT : API_DOWN_SEGMENT;
  const headers: Record<string, string> = {
    [FALLBACK_HEADER]: "1",
    [RETRY_HEADER]: request.nextUrl.pathname + request.nextUrl.search,
    "x-portal-lang": lang,
  };
  let body: BodyInit;
  let type = "text/html; charset=utf-8";
  try {
    const page = await fetch(`${ownOrigin()}/${lang}/${segment}/`, { headers, cache: "no-store", redirect: "manual" });
    body = page.body ?? "";
    type = page.headers.get("content-type") ?? type;
  } catch {
    body = kind === "not-found" ? "Not found." : "The portal cannot reach its content right now. Please try again.";
    type = "text/plain; charset=utf-8";
  }
  const response = new NextResponse(body, { status, headers: { "Content-Type": type, "Cache-Control": "no-store" } });
  if (kind === "api-down") response.headers.set("Retry-After", "30");
  response.headers.set("Vary", "Accept-Language");
  return response;
}

export const config = {
  matcher: ["/((?!_next/|graphql/|media/|api/|favicon\\.ico|sitemap\\.xml).*)"],
};
