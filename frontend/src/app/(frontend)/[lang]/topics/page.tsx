import { titled } from "@/lib/meta";
import { notFound } from "next/navigation";
import { Shell } from "@/components/Shell";
import { read } from "@/lib/cms";
import { dict, isLang, otherLang } from "@/lib/i18n";
import { TopicsQuery } from "@/lib/queries";

export const generateMetadata = titled((t) => t.nav.topics);

export default async function TopicsPage({ params }: { params: Promise<{ lang: string }> }) {
  const { lang } = await params;
  if (!isLang(lang)) notFound();
  const t = dict(lang);
  const { data } = await read(TopicsQuery, { locale: lang });
  const topics = data?.topics ?? [];
  const base = lang === "fr" ? "salle-de-presse" : "newsroom";
  const branch = (parent: string | null) => {
    const items = topics.filter((topic) => (topic.parent?.slug ?? null) === parent);
    if (!items.length) return null;
    return (
      <ul>
        {items.map((topic) => (
          <li key={topic.id} id={topic.slug}>
            <a href={`/${lang}/${base}/?topic=${topic.slug}`}>{topic.name}</a>
            {topic.description ? <span className="meta"> — {topic.description}</span> : null}{" "}
            <a href={`/${lang}/topics/${topic.slug}/feed.xml`} className="meta">{t.rss}</a>
            {branch(topic.slug)}
          </li>
        ))}
      </ul>
    );
  };
  return (
    <Shell lang={lang} alternate={`/${otherLang(lang)}/topics/`}>
      <h1>{t.nav.topics}</h1>
      {branch(null)}
    </Shell>
  );
}
