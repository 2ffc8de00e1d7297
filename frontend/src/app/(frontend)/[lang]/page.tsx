import Link from "next/link";
import { notFound } from "next/navigation";
import { ReleaseCards, VideoCards } from "@/components/cards";
import { Shell } from "@/components/Shell";
import { readAsReader } from "@/lib/cms";
import { dict, isLang, otherLang } from "@/lib/i18n";
import { HomeQuery } from "@/lib/queries";

export default async function HomePage({ params }: { params: Promise<{ lang: string }> }) {
  const { lang } = await params;
  if (!isLang(lang)) notFound();
  const t = dict(lang);
  const { data } = await readAsReader(HomeQuery, { locale: lang });
  return (
    <Shell lang={lang} alternate={`/${otherLang(lang)}/`}>
      <h1>{t.siteName}</h1>
      <p>{t.tagline}</p>
      <section aria-labelledby="latest-releases">
        <h2 id="latest-releases">{t.latestReleases}</h2>
        <ReleaseCards items={data?.pressReleases?.items ?? []} lang={lang} />
        <p><Link href={`/${lang}/${lang === "fr" ? "salle-de-presse" : "newsroom"}/`}>{t.allReleases}</Link></p>
      </section>
      <section aria-labelledby="latest-videos">
        <h2 id="latest-videos">{t.latestVideos}</h2>
        <VideoCards items={data?.videos?.items ?? []} lang={lang} />
        <p><Link href={`/${lang}/videos/`}>{t.allVideos}</Link></p>
      </section>
    </Shell>
  );
}
