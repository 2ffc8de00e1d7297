import { isLang, type Lang } from "./i18n";

/** The path of an absolute URL the API gives (`url` is PUBLIC_BASE_URL + path), so
 * links stay on this portal whatever host the CMS was told. */
export function pathOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url, "http://portal.invalid");
    return parsed.pathname + parsed.search;
  } catch {
    return null;
  }
}

/**
 * `next` after signing in or resetting a password: only a path of this site (no
 * scheme, no host, no `//` or backslash that a browser would read as another host).
 * Anything else is the language's home.
 */
export function safeNext(next: string | null | undefined, lang: Lang): string {
  const home = `/${lang}/`;
  if (!next || typeof next !== "string") return home;
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return home;
  }
  for (const value of [next, decoded]) {
    if (!value.startsWith("/") || value.startsWith("//")) return home;
    if (value.includes("\\") || /[\u0000-\u001f\u007f]/.test(value)) return home;
    if (/(^|\/)\.\.?(\/|$)/.test(value.split(/[?#]/)[0])) return home;
  }
  return next;
}

/** The language a path starts with, if any. */
export function langOfPath(path: string): Lang | null {
  const first = path.split("/")[1] ?? "";
  return isLang(first) ? first : null;
}

/**
 * What the video player loads from the CMS's media, as paths of the portal's own
 * origin (its /media/ route forwards them): the player asks for its subtitles and
 * its poster in CORS mode (`crossOrigin`), which the CMS's /media/ does not answer,
 * so from the CMS's address the poster would not show and the tracks would not load.
 */
export function playerMedia<Track extends { url: string }>(video: {
  poster?: { url: string } | null;
  subtitles: Track[];
}): { poster: string | null; subtitles: Track[] } {
  return {
    poster: pathOf(video.poster?.url),
    subtitles: video.subtitles.map((track) => ({ ...track, url: pathOf(track.url) ?? track.url })),
  };
}
