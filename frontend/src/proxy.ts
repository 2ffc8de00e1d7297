import { NextResponse, type NextRequest } from "next/server";
import { isLang } from "@/lib/i18n";
import { SESSION_COOKIE } from "@/lib/session";
import { preferredLang } from "@/lib/negotiate";
import { NOT_FOUND_SEGMENT } from "@/lib/paths";

// - `/` goes (307) to the language the browser prefers (Accept-Language).
// - A path outside the language trees (`/de/`, `/de/newsroom/`, `/nope`) is the
//   portal's own 404 page, in the browser's language (not Next's default page).
// - Server components are told the path and language asked (x-portal-path,
//   x-portal-lang): the not-found page has no params.
export function proxy(request: NextRequest) {
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
  if (isLang(first)) {
    headers.set("x-portal-lang", first);
    const response = NextResponse.next({ request: { headers } });
    // A signed-in journalist's pages are read with their session (lib/cms.ts,
    // readAsReader): they may hold releases under embargo, so no shared cache
    // (CDN, proxy) may keep them.
    if (request.cookies.has(SESSION_COOKIE)) response.headers.set("Cache-Control", "private, no-store");
    return response;
  }
  const lang = preferredLang(accepted);
  headers.set("x-portal-lang", lang);
  const url = request.nextUrl.clone();
  url.pathname = `/${lang}/${NOT_FOUND_SEGMENT}/`;
  return NextResponse.rewrite(url, { request: { headers } });
}

export const config = {
  matcher: ["/((?!_next/|graphql/|media/|api/|favicon\\.ico|sitemap\\.xml).*)"],
};
