import { titled } from "@/lib/meta";
import { notFound } from "next/navigation";
import { GalleryPageView } from "@/components/pages/GalleryPageView";
import { ReleasePage } from "@/components/pages/ReleasePage";
import { VideoPageView } from "@/components/pages/VideoPageView";
import { Shell } from "@/components/Shell";
import { read } from "@/lib/cms";
import { first } from "@/lib/filters";
import { dict, isLang, otherLang } from "@/lib/i18n";
import { PreviewQuery } from "@/lib/queries";

// Where the admin's Preview opens (FRONTEND_PREVIEW_URL_EN/FR): the draft being
// edited, from page(token:), never cached or shared.
export const dynamic = "force-dynamic";

export const generateMetadata = titled((t) => t.preview.banner);

export default async function PreviewPage({ params, searchParams }: { params: Promise<{ lang: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { lang } = await params;
  if (!isLang(lang)) notFound();
  const t = dict(lang);
  const query = await searchParams;
  const token = first(query, "token") ?? "";
  const { data } = token ? await read(PreviewQuery, { token }, { preview: true }) : { data: undefined };
  const page = data?.page;
  return (
    <Shell lang={lang} alternate={`/${otherLang(lang)}/`}>
      <p className="preview-banner" role="status">{t.preview.banner}</p>
      {!page ? <p className="alert" role="alert">{t.preview.invalid}</p> : null}
      {page?.__typename === "PressReleasePage" ? <ReleasePage release={page} lang={lang} /> : null}
      {page?.__typename === "VideoPage" ? <VideoPageView video={page} lang={lang} searchParams={{}} /> : null}
      {page?.__typename === "GalleryPage" ? <GalleryPageView gallery={page} lang={lang} /> : null}
      {page && page.__typename !== "PressReleasePage" && page.__typename !== "VideoPage" && page.__typename !== "GalleryPage" ? <h1>{page.title}</h1> : null}
    </Shell>
  );
}
