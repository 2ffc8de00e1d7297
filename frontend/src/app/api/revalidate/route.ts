// Publish webhooks → on-demand revalidation (README, "Publish webhooks"). The CMS
// POSTs page.published / page.unpublished / page.deleted signed with the endpoint's
// secret (PORTAL_WEBHOOK_SECRET here). The signature is checked over the raw bytes
// before anything is parsed; a delivery id already handled is acknowledged again
// without work (the CMS retries with the same id).
import { revalidatePath, revalidateTag } from "next/cache";
import { CMS_TAG } from "@/lib/cms";
import { affectedPaths, verifySignature, type WebhookPage } from "@/lib/webhook";

const handled = new Set<string>();
const MAX_REMEMBERED = 1000;

export async function POST(request: Request): Promise<Response> {
  const secret = process.env.PORTAL_WEBHOOK_SECRET ?? "";
  const body = new Uint8Array(await request.arrayBuffer());
  if (!secret || !verifySignature(body, request.headers.get("x-portal-signature"), secret)) {
    return Response.json({ error: "The signature does not match." }, { status: 401 });
  }
  let payload: { delivery?: string; event?: string; page?: WebhookPage };
  try {
    payload = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return Response.json({ error: "The body is not JSON." }, { status: 400 });
  }
  const delivery = request.headers.get("x-portal-delivery") ?? payload.delivery ?? "";
  if (delivery && handled.has(delivery)) return Response.json({ ok: true, duplicate: true });
  // Every cached CMS answer expires now (the CMS bumps its own generation on publish
  // too: any list may hold the page), and the page's own paths are re-rendered.
  revalidateTag(CMS_TAG, { expire: 0 });
  const paths = affectedPaths(payload.page ?? {});
  for (const path of paths) revalidatePath(path);
  if (delivery) {
    handled.add(delivery);
    if (handled.size > MAX_REMEMBERED) handled.delete(handled.values().next().value as string);
  }
  return Response.json({ ok: true, revalidated: paths });
}
