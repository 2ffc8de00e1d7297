import { EmbargoBanner } from "@/components/EmbargoBanner";
import { PageLinks } from "@/components/pages/PageLinks";
import { PhotoGridLazy } from "@/components/photos/PhotoGridLazy";
import type { GalleryFragment } from "@/gql/graphql";
import { dict, formatDate, type Lang } from "@/lib/i18n";

/** A photo gallery: each photo with its caption, credit, the day and place it was
 * taken, usage terms and restrictions (as the importer read them) and a download
 * of its original (components/photos/PhotoGrid.tsx); then the people, topics and
 * videos of the same event. */
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
      <PhotoGridLazy lang={lang} photos={gallery.photos} />
      <PageLinks lang={lang} kind="gallery" people={gallery.people} topics={gallery.topics} topicList={`/${lang}/photos/`}
        related={gallery.relatedVideos} relatedTitle={t.nav.videos} />
    </article>
  );
}
