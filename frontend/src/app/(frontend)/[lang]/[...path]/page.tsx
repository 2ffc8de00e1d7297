import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { ApiDownPage, NotFoundPage } from "@/components/pages/FallbackPages";
import { GalleryLibrary } from "@/components/pages/GalleryLibrary";
import { GalleryPageView } from "@/components/pages/GalleryPageView";
import { ReleaseList } from "@/components/pages/ReleaseList";
import { ReleasePage } from "@/components/pages/ReleasePage";
import { VideoLibrary } from "@/components/pages/VideoLibrary";
import { VideoPageView } from "@/components/pages/VideoPageView";
import { Shell } from "@/components/Shell";
import { readAsReader } from "@/lib/cms";
import { API_DOWN_SEGMENT, FALLBACK_HEADER, NOT_FOUND_SEGMENT, RETRY_HEADER, retryPath } from "@/lib/gate";
import { filtersForSwitch } from "@/lib/filters";
import { dict, isLang, otherLang, type Lang } from "@/lib/i18n";
import { pathOf } from "@/lib/paths";
import { PageByPathQuery } from "@/lib/queries";

type Props = {
  params: Promise<{ lang: string; path: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// Every page of the CMS at its own path (`urlPath`), as the API's `url` gives it.
function urlPathOf(lang: string, path: string[]): string {
  return decodeURI(`/${lang}/${path.map(encodeURIComponent).join("/")}/`);
}

async function load(lang: string, path: string[]) {
  if (!isLang(lang)) notFound();
  const { data } = await readAsReader(PageByPathQuery, { urlPath: urlPathOf(lang, path) });
  if (!data?.page) notFound();
  return { lang: lang as Lang, page: data.page };
}

/** Where the language switch leads: the translation, else the section there. */
type Translation = { locale: string; url?: string | null };
function alternateOf(lang: Lang, page: { translations?: Translation[]; parent?: object | null }): string {
  const other = otherLang(lang);
  const own = page.translations?.find((item) => item.locale === other);
  const parent = page.parent as { translations?: Translation[] } | null | undefined;
  const section = parent?.translations?.find((item) => item.locale === other);
  return pathOf(own?.url) ?? pathOf(section?.url) ?? `/${other}/`;
}

/** The proxy's own request for its 404 or 503 page (src/proxy.ts): no CMS read. */
async function fallbackOf(lang: string, path: string[]): Promise<"not-found" | "api-down" | null> {
  if (path.length !== 1 || !isLang(lang) || !(await headers()).has(FALLBACK_HEADER)) return null;
  if (path[0] === NOT_FOUND_SEGMENT) return "not-found";
  return path[0] === API_DOWN_SEGMENT ? "api-down" : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lang, path } = await params;
  const fallback = await fallbackOf(lang, path);
  if (fallback) {
    const t = dict(lang as Lang);
    return { title: fallback === "not-found" ? t.errors.notFound : t.errors.title, robots: { index: false } };
  }
  // A missing page is the page's own notFound(); thrown from here it would
  // escape the layout.
  if (!isLang(lang)) return {};
  const { data } = await readAsReader(PageByPathQuery, { urlPath: urlPathOf(lang, path) });
  const page = data?.page;
  if (!page) return {};
  const languages: Record<string, string> = {};
  if ("translations" in page) {
    for (const item of page.translations) {
      const href = pathOf(item.url);
      if (href) languages[item.locale] = href;
    }
  }
  return { title: page.title, alternates: { languages } };
}

export default async function CmsPage({ params, searchParams }: Props) {
  const { lang: raw, path } = await params;
  const fallback = await fallbackOf(raw, path);
  if (fallback === "not-found") return <NotFoundPage lang={raw as Lang} />;
  if (fallback === "api-down") return <ApiDownPage lang={raw as Lang} retry={retryPath((await headers()).get(RETRY_HEADER), raw as Lang)} />;
  const { lang, page } = await load(raw, path);
  const query = await searchParams;
  switch (page.__typename) {
    case "PressReleasePage":
      return (
        <Shell lang={lang} alternate={alternateOf(lang, page)}>
          <ReleasePage release={page} lang={lang} />
        </Shell>
      );
    case "VideoPage":
      return (
        <Shell lang={lang} alternate={alternateOf(lang, page)}>
          <VideoPageView video={page} lang={lang} searchParams={query} />
        </Shell>
      );
    case "NewsroomIndexPage":
      return (
        <Shell lang={lang} alternate={alternateOf(lang, page) + filtersForSwitch(query)}>
          <ReleaseList title={page.title} introduction={page.introduction} lang={lang} searchParams={query} basePath={page.urlPath} />
        </Shell>
      );
    case "VideoIndexPage":
      return (
        <Shell lang={lang} alternate={alternateOf(lang, page) + filtersForSwitch(query)}>
          <VideoLibrary title={page.title} introduction={page.introduction} lang={lang} searchParams={query} basePath={page.urlPath} />
        </Shell>
      );
    case "GalleryPage":
      return (
        <Shell lang={lang} alternate={alternateOf(lang, page)}>
          <GalleryPageView gallery={page} lang={lang} />
        </Shell>
      );
    case "GalleryIndexPage":
      return (
        <Shell lang={lang} alternate={alternateOf(lang, page) + filtersForSwitch(query)}>
          <GalleryLibrary title={page.title} introduction={page.introduction} lang={lang} searchParams={query} basePath={page.urlPath} />
        </Shell>
      );
    default:
      return (
        <Shell lang={lang} alternate={`/${otherLang(lang)}/`}>
          <h1>{page.title}</h1>
        </Shell>
      );
  }
}
