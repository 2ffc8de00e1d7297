import Link from "next/link";
import type { GalleryCardFragment, ReleaseCardFragment, VideoCardFragment } from "@/gql/graphql";
import { dict, formatDate, type Lang } from "@/lib/i18n";
import { pathOf } from "@/lib/paths";
import { formatSeconds } from "@/lib/timecode";

export function ReleaseCards({ items, lang }: { items: ReleaseCardFragment[]; lang: Lang }) {
  return (
    <ul className="cards">
      {items.map((item) => (
        <li key={item.id} className="card">
          <article>
            {item.heroImage ? (
              // eslint-disable-next-line @next/next/no-img-element
              <img src={item.heroImage.url} srcSet={item.heroImage.srcSet ?? undefined} sizes="320px" alt=""
                width={item.heroImage.width} height={item.heroImage.height} loading="lazy" />
            ) : null}
            <h3><Link href={pathOf(item.url) ?? "#"}>{item.title}</Link></h3>
            <Embargoed until={item.embargoedUntil} lang={lang} />
            <p className="meta"><time dateTime={item.date}>{formatDate(item.date, lang)}</time>{item.location ? ` · ${item.location}` : ""}</p>
            <p>{item.summary}</p>
          </article>
        </li>
      ))}
    </ul>
  );
}

export function VideoCards({ items, lang }: { items: VideoCardFragment[]; lang: Lang }) {
  return (
    <ul className="cards">
      {items.map((item) => (
        <li key={item.id} className="card">
          <article>
            {item.poster ? (
              // eslint-disable-next-line @next/next/no-img-element
              <img src={item.poster.url} srcSet={item.poster.srcSet ?? undefined} sizes="320px" alt="" loading="lazy" />
            ) : null}
            <h3><Link href={pathOf(item.url) ?? "#"}>{item.title}</Link></h3>
            <Embargoed until={item.embargoedUntil} lang={lang} />
            <p className="meta">
              <time dateTime={item.date}>{formatDate(item.date, lang)}</time>
              {item.duration ? ` · ${formatSeconds(item.duration)}` : ""}
            </p>
          </article>
        </li>
      ))}
    </ul>
  );
}

export function GalleryCards({ items, lang }: { items: GalleryCardFragment[]; lang: Lang }) {
  return (
    <ul className="cards">
      {items.map((item) => (
        <li key={item.id} className="card">
          <article>
            <h3><Link href={pathOf(item.url) ?? "#"}>{item.title}</Link></h3>
            <Embargoed until={item.embargoedUntil} lang={lang} />
            <p className="meta"><time dateTime={item.date}>{formatDate(item.date, lang)}</time>{item.place ? ` · ${item.place}` : ""}</p>
            {item.summary ? <p>{item.summary}</p> : null}
          </article>
        </li>
      ))}
    </ul>
  );
}

/** The mark on a card an accredited journalist sees before the lift (the page
 * itself says until when, in their time zone). */
function Embargoed({ until, lang }: { until?: string | null; lang: Lang }) {
  if (!until) return null;
  return <p className="embargo-badge" data-testid="embargo-badge"><time dateTime={until}>{dict(lang).embargo.badge}</time></p>;
}

export function ErrorList({ errors }: { errors: string[] }) {
  if (!errors.length) return null;
  return (
    <div className="alert" role="alert">
      {errors.map((error) => <p key={error}>{error}</p>)}
    </div>
  );
}
