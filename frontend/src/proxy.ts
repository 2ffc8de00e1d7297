import { NextResponse, type NextRequest } from "next/server";

// Tells server components which path was asked (the not-found page has no params
// and picks its language from it).
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-portal-path", request.nextUrl.pathname);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/((?!_next/|graphql/|favicon.ico).*)"] };
