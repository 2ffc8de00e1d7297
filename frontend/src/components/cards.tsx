import Link from "next/link";
import type { ReleaseCardFragment, VideoCardFragment } from "@/gql/graphql";
import { formatDate, type Lang } from "@/lib/i18n";
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

export function ErrorList({ errors }: { errors: string[] }) {
  if (!errors.length) return null;
  return (
    <div className="alert" role="alert">
      {errors.map((error) => <p key={error}>{error}</p>)}
    </div>
  );
}
