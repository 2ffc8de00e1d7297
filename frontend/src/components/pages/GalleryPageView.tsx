import { EmbargoBanner } from "@/components/EmbargoBanner";
import { PageLinks } from "@/components/pages/PageLinks";
import type { GalleryFragment } from "@/gql/graphql";
import { dict, formatDate, photoFacts, type Lang } from "@/lib/i18n";

/** A photo gallery: each photo with its caption, credit, date and place taken,
 * usage terms and restrictions (as the importer read them), then the people,
 * topics and videos of the same event. */
export function GalleryPageView({ gallery, lang }: { gallery: GalleryFragment; lang: Lang }) {
  const t = dict(lang);
  return (
    <article>
      {gallery.embargoedUntil ? <EmbargoBanner until={gallery.embargoedUntil} zone={gallery.embargoTimeZone} lang={lang} /> : null}
      <h1>{gallery.title}</h1>
      <p className="meta">
        <time dateTime={gallery.date}>{formatDate(gallery.date, lang)}</time>
        {gallery.place ? ` · ${gallery.place}` : ""}
      </p>
      {gallery.gallerySummary ? <p>{gallery.gallerySummary}</p> : null}
      <ul className="photos" data-testid="photos">
        {gallery.photos.map((photo) => (
          <li key={photo.id}>
            <figure>
              {photo.image ? (
                // eslint-disable-next-line @next/next/no-img-element
                <img src={photo.image.url} srcSet={photo.srcSet || undefined} sizes="(max-width: 960px) 100vw, 960px"
                  width={photo.width ?? undefined} height={photo.height ?? undefined} alt={photo.alt} loading="lazy" />
              ) : null}
              <figcaption>
                {photo.caption ? <p>{photo.caption}</p> : null}
                <p className="meta">{photoFacts(photo, lang)}</p>
                {photo.usageTerms ? <p className="meta">{photo.usageTerms}</p> : null}
                {photo.restrictions ? <p className="meta">{photo.restrictions}</p> : null}
              </figcaption>
            </figure>
          </li>
        ))}
      </ul>
      <PageLinks lang={lang} kind="gallery" people={gallery.people} topics={gallery.topics} topicList={`/${lang}/photos/`}
        related={gallery.relatedVideos} relatedTitle={t.nav.videos} />
    </article>
  );
}
