/** A CaptionedImageBlock: a picture in the CMS's allowed widths, caption and credit. */
export function CaptionedImageBlock({
  image,
  caption,
  credit,
}: {
  image?: { url: string; title: string; width: number; height: number; srcSet?: string | null } | null;
  caption?: string | null;
  credit?: string | null;
}) {
  if (!image) return null;
  return (
    <figure>
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src={image.url} srcSet={image.srcSet ?? undefined} sizes="(max-width: 960px) 100vw, 960px"
        width={image.width} height={image.height} alt={caption || image.title} loading="lazy" />
      {caption || credit ? (
        <figcaption>
          {caption}
          {credit ? <span className="meta"> © {credit}</span> : null}
        </figcaption>
      ) : null}
    </figure>
  );
}
