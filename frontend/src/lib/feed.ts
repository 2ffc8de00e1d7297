import { read } from "./cms";
import { dict, type Lang } from "./i18n";
import { FeedQuery } from "./queries";

export const PORTAL_URL = (process.env.PORTAL_URL ?? "http://localhost:3000").replace(/\/$/, "");

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** RSS 2.0 of the latest press releases of a language (and of a topic). */
export async function releaseFeed(lang: Lang, topic?: string): Promise<Response> {
  const { data, errors } = await read(FeedQuery, { locale: lang, topic: topic ?? null });
  if (errors.some((error) => error.code === "UNKNOWN_TOPIC")) {
    return new Response(dict(lang).errors.unknownTopic, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const t = dict(lang);
  const self = `${PORTAL_URL}/${lang}/${topic ? `topics/${topic}/` : ""}feed.xml`;
  const items = (data?.pressReleases?.items ?? [])
    .map((item) => {
      const link = item.url ? PORTAL_URL + new URL(item.url).pathname : PORTAL_URL;
      return `<item><title>${escape(item.title)}</title><link>${escape(link)}</link><guid isPermaLink="true">${escape(link)}</guid><pubDate>${new Date(item.date).toUTCString()}</pubDate><description>${escape(item.summary)}</description></item>`;
    })
    .join("");
  const xml = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>${escape(`${t.siteName} — ${t.nav.releases}${topic ? ` (${topic})` : ""}`)}</title><link>${PORTAL_URL}/${lang}/</link><description>${escape(t.tagline)}</description><language>${lang}</language><atom:link href="${escape(self)}" rel="self" type="application/rss+xml"/>${items}</channel></rss>`;
  return new Response(xml, { headers: { "Content-Type": "application/rss+xml; charset=utf-8" } });
}
