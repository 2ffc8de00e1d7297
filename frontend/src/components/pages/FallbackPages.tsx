import { Shell } from "@/components/Shell";
import { dict, otherLang, type Lang } from "@/lib/i18n";

/** "This page does not exist": the proxy's 404 (src/proxy.ts) and the not-found
 * boundary of a client navigation show the same page. */
export function NotFoundPage({ lang }: { lang: Lang }) {
  const t = dict(lang);
  return (
    <Shell lang={lang} alternate={`/${otherLang(lang)}/`}>
      <h1>{t.errors.notFound}</h1>
      <p><a href={`/${lang}/`}>{t.errors.backHome}</a></p>
    </Shell>
  );
}

/** The CMS cannot be reached (the proxy's 503): try the same page again, a plain
 * link, so it works without JavaScript. */
export function ApiDownPage({ lang, retry }: { lang: Lang; retry: string }) {
  const t = dict(lang);
  return (
    <Shell lang={lang} alternate={`/${otherLang(lang)}/`}>
      <h1>{t.errors.title}</h1>
      <p>{t.errors.body}</p>
      <p>
        <a href={retry} data-testid="retry">{t.errors.retry}</a>{" "}
        <a href={`/${lang}/`}>{t.errors.backHome}</a>
      </p>
    </Shell>
  );
}
