import { EmbargoBanner } from "@/components/EmbargoBanner";
import { PageLinks } from "@/components/pages/PageLinks";
import { VideoWorkbenchLazy } from "@/components/video/VideoWorkbenchLazy";
import type { VideoFragment } from "@/gql/graphql";
import { dict, formatDate, labelled, type Lang } from "@/lib/i18n";
import { playerMedia } from "@/lib/paths";
import { parseSeconds } from "@/lib/timecode";

type Props = { video: VideoFragment; lang: Lang; searchParams: Record<string, string | string[] | undefined> };

/** A video page: the player with its shotlist and soundbites (client), and the
 * words around it (server): summary, usage terms, restrictions, people, topics. */
export function VideoPageView({ video, lang, searchParams }: Props) {
  const t = dict(lang);
  const one = (name: string) => {
    const value = searchParams[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return (
    <article>
      {video.embargoedUntil ? <EmbargoBanner until={video.embargoedUntil} zone={video.embargoTimeZone} lang={lang} /> : null}
      <h1>{video.title}</h1>
      <p className="meta">
        <time dateTime={video.date}>{formatDate(video.date, lang)}</time>
        {video.location ? ` · ${video.location}` : ""}
        {video.durationTimecode ? ` · ${t.duration} ${video.durationTimecode}` : ""}
      </p>
      {video.videoSummary ? <p>{video.videoSummary}</p> : null}
      <VideoWorkbenchLazy
        lang={lang}
        videoId={video.id}
        {...playerMedia(video)}
        hlsUrl={video.preview?.hlsUrl ?? null}
        renditions={video.renditions}
        shotlist={video.shotlist}
        soundbites={video.soundbites}
        initialIn={parseSeconds(one("in"))}
        initialOut={parseSeconds(one("out"))}
      />
      {video.usageTerms ? (<section aria-labelledby="usage"><h2 id="usage">{t.usageTerms}</h2><p>{video.usageTerms}</p></section>) : null}
      {video.restrictions ? (<section aria-labelledby="restrictions"><h2 id="restrictions">{t.restrictions}</h2><p>{video.restrictions}</p></section>) : null}
      {video.credit ? <p className="meta">{labelled(t.credit, video.credit, lang)}</p> : null}
      {video.transcript ? (<details><summary>{t.transcript}</summary><p style={{ whiteSpace: "pre-wrap" }}>{video.transcript}</p></details>) : null}
      <PageLinks lang={lang} kind="video" people={video.people} topics={video.topics} topicList={`/${lang}/videos/`} related={video.related} />
    </article>
  );
}
