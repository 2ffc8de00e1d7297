import { CMS_URL } from "./cms";

// The portal's same-origin door to the CMS (/graphql/, /media/…): the browser's
// mutations carry the CMS's session and CSRF cookies on the portal's own origin.
// A route handler rather than a rewrite, so CMS_URL is read when the server starts,
// not baked in at build time.

const REQUEST_HEADERS = ["accept", "accept-language", "content-type", "cookie", "x-csrftoken", "origin", "referer", "if-none-match", "range", "if-range"];
const RESPONSE_HEADERS = ["content-type", "cache-control", "etag", "vary", "content-language", "allow", "content-range", "accept-ranges", "last-modified", "content-length"];

export async function forward(request: Request, path: string): Promise<Response> {
  const source = new URL(request.url);
  const target = `${CMS_URL}${path}${source.search}`;
  const headers = new Headers();
  for (const name of REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  let answer: Response;
  try {
    answer = await fetch(target, {
      method: request.method,
      headers,
      body: request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer(),
      redirect: "manual",
      cache: "no-store",
    });
  } catch {
    return Response.json(
      { errors: [{ message: "The CMS cannot be reached.", extensions: { code: "SERVICE_UNAVAILABLE" } }] },
      { status: 502 },
    );
  }
  const out = new Headers();
  for (const name of RESPONSE_HEADERS) {
    const value = answer.headers.get(name);
    if (value !== null) out.set(name, value);
  }
  for (const cookie of answer.headers.getSetCookie()) out.append("set-cookie", cookie);
  return new Response(answer.body, { status: answer.status, headers: out });
}
