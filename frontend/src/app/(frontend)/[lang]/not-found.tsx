import { headers } from "next/headers";
import { Shell } from "@/components/Shell";
import { dict, otherLang, type Lang } from "@/lib/i18n";

export default async function NotFound() {
  // not-found pages get no params: the language is the path's first segment.
  const path = (await headers()).get("x-portal-path") ?? "";
  const lang: Lang = path.startsWith("/fr") ? "fr" : "en";
  const t = dict(lang);
  return (
    <Shell lang={lang} alternate={`/${otherLang(lang)}/`}>
      <h1>{t.errors.notFound}</h1>
      <p><a href={`/${lang}/`}>{t.errors.backHome}</a></p>
    </Shell>
  );
}
