import { RenderBlocks } from "@/blocks/RenderBlocks";
import { EmbargoBanner } from "@/components/EmbargoBanner";
import { PageLinks } from "@/components/pages/PageLinks";
import type { ReleaseFragment } from "@/gql/graphql";
import { formatDate, type Lang } from "@/lib/i18n";

/** A press release: body blocks (quotes with speakers, key figures, images), the
 * people with the role they held on the release's date, topics, related releases. */
export function ReleasePage({ release, lang }: { release: ReleaseFragment; lang: Lang }) {
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
      <PageLinks lang={lang} kind="release" people={release.people} topics={release.topics}
        topicList={`/${lang}/${lang === "fr" ? "salle-de-presse" : "newsroom"}/`} related={release.related} />
    </article>
  );
}
