import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Shell } from "@/components/Shell";
import { ApolloWrapper } from "@/lib/apollo-browser";
import { read } from "@/lib/cms";
import { first } from "@/lib/filters";
import { dict, isLang, otherLang, type Lang } from "@/lib/i18n";
import { TopicsQuery } from "@/lib/queries";
import { ConfirmSubscription, PreferencesForm, UnsubscribeButton } from "./TokenAction";

// The one shell of the pages the newsletter's e-mails link to
// (FRONTEND_BASE_URL/<language>/newsletter/confirm|preferences|unsubscribe?token=…,
// README "Newsletter"): title, language switch keeping the token, a clear message
// when the link has no token, and the action of its kind. The token is the only
// credential: such pages are never indexed and send no Referer.

type Kind = "confirm" | "preferences" | "unsubscribe";
type Props = {
  params: Promise<{ lang: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

function titleOf(kind: Kind, lang: Lang, done: boolean): string {
  const t = dict(lang).newsletter;
  if (kind === "confirm") return t.confirmTitle;
  if (kind === "preferences") return t.preferencesTitle;
  return done ? t.unsubscribedTitle : t.unsubscribeTitle;
}

export function tokenPage(kind: Kind) {
  async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
    const { lang } = await params;
    const done = first(await searchParams, "done") === "1";
    return {
      title: titleOf(kind, isLang(lang) ? lang : "en", done),
      robots: { index: false, follow: false },
      referrer: "no-referrer",
    };
  }

  async function TokenPage({ params, searchParams }: Props) {
    const { lang } = await params;
    if (!isLang(lang)) notFound();
    const query = await searchParams;
    const token = first(query, "token")?.trim() ?? "";
    const done = kind === "unsubscribe" && first(query, "done") === "1";
    const t = dict(lang).newsletter;
    const other = otherLang(lang);
    const alternate = token ? `/${other}/newsletter/${kind}/?token=${encodeURIComponent(token)}` : `/${other}/newsletter/`;
    let body;
    if (done) {
      body = (
        <>
          <p className="notice" role="status" data-testid="newsletter-unsubscribed">{t.unsubscribed}</p>
          <p><Link href={`/${lang}/newsletter/`}>{t.subscribeAgain}</Link></p>
        </>
      );
    } else if (!token) {
      body = <p className="alert" role="alert" data-testid="newsletter-error">{kind === "preferences" ? t.preferencesInvalid : t.invalidToken}</p>;
    } else if (kind === "confirm") {
      body = <ConfirmSubscription lang={lang} token={token} />;
    } else if (kind === "unsubscribe") {
      body = <UnsubscribeButton lang={lang} token={token} />;
    } else {
      const { data } = await read(TopicsQuery, { locale: lang });
      const topics = (data?.topics ?? []).map(({ slug, name }) => ({ slug, name }));
      body = <PreferencesForm lang={lang} token={token} topics={topics} />;
    }
    return (
      <Shell lang={lang} alternate={alternate}>
        <h1>{titleOf(kind, lang, done)}</h1>
        {done || !token ? body : <ApolloWrapper>{body}</ApolloWrapper>}
      </Shell>
    );
  }

  return { generateMetadata, TokenPage };
}
