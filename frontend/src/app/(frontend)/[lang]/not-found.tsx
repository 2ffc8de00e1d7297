import { headers } from "next/headers";
import { Shell } from "@/components/Shell";
import { dict, isLang, otherLang, type Lang } from "@/lib/i18n";

export default async function NotFound() {
  // not-found pages get no params: src/proxy.ts tells the language (the path's,
  // or the browser's for a path outside the language trees).
  const asked = (await headers()).get("x-portal-lang") ?? "";
  const lang: Lang = isLang(asked) ? asked : "en";
  const t = dict(lang);
  return (
    <Shell lang={lang} alternate={`/${otherLang(lang)}/`}>
      <h1>{t.errors.notFound}</h1>
      <p><a href={`/${lang}/`}>{t.errors.backHome}</a></p>
    </Shell>
  );
}
