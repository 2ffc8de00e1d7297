import Link from "next/link";
import { dict, type Lang } from "@/lib/i18n";
import { pathOf } from "@/lib/paths";

type Props = {
  lang: Lang;
  /** Prefix of the sections' ids ("release", "video", "gallery"). */
  kind: string;
  people: { id: string; role?: string | null; person: { name: string; slug: string } }[];
  topics: { id: string; name: string; slug: string }[];
  /** The list a topic leads to, filtered by it: the page's own section. */
  topicList: string;
  related: { id: string; title: string; url?: string | null }[];
  relatedTitle?: string;
};

/** The end of a release, a video or a gallery: its people with the role they held
 * on its date, its topics (each a link to its section filtered by that topic),
 * and what is related to it. */
export function PageLinks({ lang, kind, people, topics, topicList, related, relatedTitle }: Props) {
  const t = dict(lang);
  return (
    <>
      {people.length ? (
        <section aria-labelledby={`${kind}-people`}>
          <h2 id={`${kind}-people`}>{t.people}</h2>
          <ul>
            {people.map((item) => (
              <li key={item.id}>
                <Link href={`/${lang}/people/#${item.person.slug}`}>{item.person.name}</Link>
                {item.role ? `, ${item.role}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {topics.length ? (
        <section aria-labelledby={`${kind}-topics`}>
          <h2 id={`${kind}-topics`}>{t.topics}</h2>
          <ul className="tags">
            {topics.map((topic) => <li key={topic.id}><Link href={`${topicList}?topic=${topic.slug}`}>{topic.name}</Link></li>)}
          </ul>
        </section>
      ) : null}
      {related.length ? (
        <section aria-labelledby={`${kind}-related`}>
          <h2 id={`${kind}-related`}>{relatedTitle ?? t.related}</h2>
          <ul>
            {related.map((item) => <li key={item.id}><Link href={pathOf(item.url) ?? "#"}>{item.title}</Link></li>)}
          </ul>
        </section>
      ) : null}
    </>
  );
}
