import type { MetadataRoute } from "next";
import { read } from "@/lib/cms";
import { PORTAL_URL } from "@/lib/feed";
import { pathOf } from "@/lib/paths";
import { SitemapQuery } from "@/lib/queries";

// sitemap.xml: every published page of both languages, each with its translations
// as hreflang alternates.
export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const { data } = await read(SitemapQuery, {});
  const absolute = (url: string | null | undefined) => {
    const path = pathOf(url);
    return path ? PORTAL_URL + path : null;
  };
  const entries: MetadataRoute.Sitemap = [];
  for (const page of data?.en ?? []) {
    const url = absolute(page.url);
    if (!url || url === `${PORTAL_URL}/`) continue;
    const languages: Record<string, string> = {};
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
