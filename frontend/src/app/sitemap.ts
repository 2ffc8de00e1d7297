import type { MetadataRoute } from "next";
import { read } from "@/lib/cms";
import { PORTAL_URL } from "@/lib/feed";
import { pathOf } from "@/lib/paths";
import { SitemapQuery } from "@/lib/queries";

// sitemap.xml: every published page of both languages, each with its translations
// as hreflang alternates.
export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  // Every page, 100 at a time (grapple's largest `limit`).
  const pages = [];
  for (let offset = 0; offset < 10_000; offset += 100) {
    const { data } = await read(SitemapQuery, { offset });
    const batch = data?.pages ?? [];
    pages.push(...batch);
    if (batch.length < 100) break;
  }
  const absolute = (url: string | null | undefined) => {
    const path = pathOf(url);
    return path ? PORTAL_URL + path : null;
  };
  const entries: MetadataRoute.Sitemap = [];
  for (const page of pages) {
    const url = absolute(page.url);
    if (!url || url === `${PORTAL_URL}/`) continue;
    // hreflang: the page itself and each of its translations.
    const own = new URL(url).pathname.split("/")[1];
    const languages: Record<string, string> = own ? { [own]: url } : {};
    if ("translations" in page) {
      for (const translation of page.translations) {
        const href = absolute(translation.url);
        if (href) languages[translation.locale] = href;
      }
    }
    entries.push({ url, lastModified: page.lastPublishedAt ?? undefined, alternates: { languages } });
  }
  return entries;
}
