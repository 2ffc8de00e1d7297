"use client";
// A gallery's photos, each with its facts and a download of the original: signed
// out, the button opens the sign-in dialog and comes back to this gallery.
import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { useAccount } from "@/components/account/AccountProvider";
import type { GalleryFragment } from "@/gql/graphql";
import { codedError, messageFor } from "@/lib/errors";
import { dict, photoFacts, type Lang } from "@/lib/i18n";
import { RequestPhotoDownloadMutation } from "./operations";

type Photo = GalleryFragment["photos"][number];

function PhotoDownload({ lang, photoId }: { lang: Lang; photoId: string }) {
  const t = dict(lang).downloads;
  const { me, open } = useAccount();
  const [request, { loading }] = useMutation(RequestPhotoDownloadMutation);
  const [link, setLink] = useState<{ url: string; filename: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <div aria-live="polite">
      <p>
        <button type="button" className="secondary" disabled={loading} data-testid="photo-download" onClick={async () => {
          if (!me) {
            open("signIn");
            return;
          }
          setError(null);
          try {
            const { data } = await request({ variables: { photoId, locale: lang } });
            setLink(data?.requestPhotoDownload ?? null);
          } catch (caught) {
            setError(messageFor(codedError(caught), lang));
          }
        }}>
          {me ? t.photo : t.signInToDownloadPhoto}
        </button>
      </p>
      {link ? <p className="notice">{t.ready} <a href={link.url} download={link.filename} data-testid="photo-link">{t.save}</a></p> : null}
      {error ? <p className="alert" role="alert">{error}</p> : null}
    </div>
  );
}

export function PhotoGrid({ lang, photos }: { lang: Lang; photos: Photo[] }) {
  return (
    <ul className="photos" data-testid="photos">
      {photos.map((photo) => (
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
          <PhotoDownload lang={lang} photoId={photo.id} />
        </li>
      ))}
    </ul>
  );
}
