import Link from "next/link";
import { RenderBlocks } from "@/blocks/RenderBlocks";
import { EmbargoBanner } from "@/components/EmbargoBanner";
import type { ReleaseFragment } from "@/gql/graphql";
import { dict, formatDate, type Lang } from "@/lib/i18n";
import { pathOf } from "@/lib/paths";

/** A press release: body blocks (quotes with speakers, key figures, images), the
 * people with the role they held on the release's date, topics, related releases. */
export function ReleasePage({ release, lang }: { release: ReleaseFragment; lang: Lang }) {
  const t = dict(lang);
  return (
    <article>
      {release.embargoedUntil ? <EmbargoBanner until={release.embargoedUntil} zone={release.embargoTimeZone} lang={lang} /> : null}
      <h1>{release.title}</h1>
      <p className="meta">
        <time dateTime={release.date}>{formatDate(release.date, lang)}</time>
        {release.location ? ` · ${release.location}` : ""}
      </p>
      {release.heroImage ? (
        <div className="hero">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={release.heroImage.url} srcSet={release.heroImage.srcSet ?? undefined} sizes="(max-width: 1280px) 100vw, 1280px"
            width={release.heroImage.width} height={release.heroImage.height} alt={release.heroImage.title} />
        </div>
      ) : null}
      <p><strong>{release.summary}</strong></p>
      <RenderBlocks blocks={release.body} lang={lang} />
      {release.people.length ? (
        <section aria-labelledby="release-people">
          <h2 id="release-people">{t.people}</h2>
          <ul>
            {release.people.map((item) => (
              <li key={item.id}>
                <Link href={`/${lang}/people/#${item.person.slug}`}>{item.person.name}</Link>
                {item.role ? `, ${item.role}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {release.topics.length ? (
        <section aria-labelledby="release-topics">
          <h2 id="release-topics">{t.topics}</h2>
          <ul className="tags">
            {release.topics.map((topic) => (
              <li key={topic.id}><Link href={`/${lang}/${lang === "fr" ? "salle-de-presse" : "newsroom"}/?topic=${topic.slug}`}>{topic.name}</Link></li>
            ))}
          </ul>
        </section>
      ) : null}
      {release.related.length ? (
        <section aria-labelledby="release-related">
          <h2 id="release-related">{t.related}</h2>
          <ul>
            {release.related.map((item) => <li key={item.id}><Link href={pathOf(item.url) ?? "#"}>{item.title}</Link></li>)}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
