import { createHmac, timingSafeEqual } from "node:crypto";

// Publish webhooks (README, "Publish webhooks"): X-Portal-Signature is
// "sha256=" + the hex HMAC-SHA256 of the raw body keyed with the endpoint's secret.
// Checked over the exact bytes received, before parsing, in constant time.

export function verifySignature(body: Uint8Array, header: string | null, secret: string): boolean {
  if (!header || !secret) return false;
  const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(body).digest("hex")}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export type WebhookPage = { url?: string | null; locale?: string | null; type?: string | null };

/** The portal paths a publish, unpublish or delete of this page can change: the
 * page itself, its language's home, its section, the feeds and the sitemap. */
export function affectedPaths(page: WebhookPage): string[] {
  const paths = new Set<string>(["/sitemap.xml"]);
  if (page.url) {
    let path: string;
    try {
      path = new URL(page.url, "http://portal.invalid").pathname;
    } catch {
      path = "";
    }
    if (path.startsWith("/")) {
      paths.add(path);
      const parts = path.split("/").filter(Boolean);
      if (parts.length >= 1) paths.add(`/${parts[0]}/`);
      if (parts.length >= 2) paths.add(`/${parts[0]}/${parts[1]}/`);
    }
  }
  if (page.locale === "en" || page.locale === "fr") {
    paths.add(`/${page.locale}/`);
    paths.add(`/${page.locale}/feed.xml`);
  }
  return [...paths];
}
