import { titled } from "@/lib/meta";
import { notFound } from "next/navigation";
import { SubscribeForm } from "@/components/newsletter/SubscribeForm";
import { Shell } from "@/components/Shell";
import { ApolloWrapper } from "@/lib/apollo-browser";
import { read } from "@/lib/cms";
import { dict, isLang, otherLang } from "@/lib/i18n";
import { TopicsQuery } from "@/lib/queries";

export const generateMetadata = titled((t) => t.newsletter.title);

export default async function NewsletterPage({ params }: { params: Promise<{ lang: string }> }) {
  const { lang } = await params;
  if (!isLang(lang)) notFound();
  const t = dict(lang).newsletter;
  const { data } = await read(TopicsQuery, { locale: lang });
  return (
    <Shell lang={lang} alternate={`/${otherLang(lang)}/newsletter/`}>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <ApolloWrapper>
        <SubscribeForm lang={lang} topics={(data?.topics ?? []).map(({ slug, name }) => ({ slug, name }))} />
      </ApolloWrapper>
    </Shell>
  );
}
