import Link from "next/link";
import { EmbargoBanner } from "@/components/EmbargoBanner";
import type { GalleryFragment } from "@/gql/graphql";
import { dict, formatDate, photoFacts, type Lang } from "@/lib/i18n";
import { pathOf } from "@/lib/paths";

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
      {gallery.people.length ? (
        <section aria-labelledby="gallery-people"><h2 id="gallery-people">{t.people}</h2>
          <ul>{gallery.people.map((item) => <li key={item.id}><Link href={`/${lang}/people/#${item.person.slug}`}>{item.person.name}</Link>{item.role ? `, ${item.role}` : ""}</li>)}</ul>
        </section>
      ) : null}
      {gallery.topics.length ? (
        <section aria-labelledby="gallery-topics"><h2 id="gallery-topics">{t.topics}</h2>
          <ul className="tags">{gallery.topics.map((topic) => <li key={topic.id}><Link href={`/${lang}/photos/?topic=${topic.slug}`}>{topic.name}</Link></li>)}</ul>
        </section>
      ) : null}
      {gallery.relatedVideos.length ? (
        <section aria-labelledby="gallery-videos"><h2 id="gallery-videos">{t.nav.videos}</h2>
          <ul>{gallery.relatedVideos.map((item) => <li key={item.id}><Link href={pathOf(item.url) ?? "#"}>{item.title}</Link></li>)}</ul>
        </section>
      ) : null}
    </article>
  );
}
