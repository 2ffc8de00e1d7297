import { LANGUAGES, type Lang } from "./i18n";

/**
 * The portal's language a browser prefers, from its Accept-Language header
 * (RFC 9110: tags with q-values; `fr-CH` counts as `fr`): the best-rated one the
 * portal has, else English.
 */
export function preferredLang(header: string | null | undefined): Lang {
  const ranked: { lang: Lang; q: number; order: number }[] = [];
  (header ?? "").split(",").forEach((part, order) => {
    const [tag, ...params] = part.trim().split(";");
    const base = tag.trim().toLowerCase().split("-")[0];
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    const lang = LANGUAGES.find((code) => code === base);
    if (lang && Number.isFinite(q) && q > 0) ranked.push({ lang, q, order });
  });
  ranked.sort((a, b) => b.q - a.q || a.order - b.order);
  return ranked[0]?.lang ?? "en";
}
