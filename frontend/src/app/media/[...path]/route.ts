import { forward } from "@/lib/forward";

// Subtitles (WebVTT) and images on the portal's origin: a <track> must be same-origin.
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const { path } = await params;
  if (path.some((part) => part === ".." || part === "." || part.includes("\\"))) return new Response("Not found", { status: 404 });
  return forward(request, `/media/${path.map(encodeURIComponent).join("/")}`);
}
