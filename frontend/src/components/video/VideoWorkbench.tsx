"use client";
// The video page's working area: the player (a rendition, with subtitles as text
// tracks), the shotlist and soundbites whose timecodes seek it, and downloads: the
// whole rendition, or a clip between in and out (set on the player, typed, or a
// shot/soundbite), FAST or EXACT. Signed out, "download" opens the sign-in dialog
// and comes back to this video with the same in/out (?in=…&out=… in `next`).
import { useApolloClient, useMutation } from "@apollo/client/react";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import type { DownloadJobFragment, Precision } from "@/gql/graphql";
import { useAccount } from "@/components/account/AccountProvider";
import { useAlive } from "@/lib/alive";
import { codedError, messageFor } from "@/lib/errors";
import { dict, labelled, quoted, type Lang } from "@/lib/i18n";
import { formatSeconds } from "@/lib/timecode";
import { RequestVideoDownloadMutation, VideoDownloadJobQuery } from "./operations";

type Segment = { id: string; start: number; end: number; startTimecode: string; endTimecode: string };
type Props = {
  lang: Lang;
  videoId: string;
  poster: string | null;
  /** The streaming preview (HLS), public for a published video. */
  hlsUrl: string | null;
  renditions: { id: string; name: string; kind: "VIDEO" | "AUDIO"; label: string; width?: number | null; height?: number | null; sizeBytes: number }[];
  shotlist: (Segment & { description: string })[];
  soundbites: (Segment & { text: string; language: string; speaker?: { name: string } | null })[];
  subtitles: { id: string; locale: string; url: string }[];
  initialIn: number | null;
  initialOut: number | null;
};

type Download = NonNullable<DownloadJobFragment["download"]>;
/** How often a clip being cut is asked about (ms). */
const POLL_MS = 1000;

export function VideoWorkbench(props: Props) {
  const { lang, videoId } = props;
  // Clips are cut from video renditions only (an audio one is WHOLE_FILE_ONLY).
  const videoRenditions = useMemo(() => props.renditions.filter((item) => item.kind === "VIDEO"), [props.renditions]);
  const t = dict(lang);
  const { me, open } = useAccount();
  const player = useRef<HTMLVideoElement>(null);
  const [source, setSource] = useState<string | null>(null);
  const [inPoint, setIn] = useState<string>(props.initialIn?.toString() ?? "");
  const [outPoint, setOut] = useState<string>(props.initialOut?.toString() ?? "");
  const [segment, setSegment] = useState<{ shot?: string; soundbite?: string } | null>(null);
  const [rendition, setRendition] = useState(videoRenditions[videoRenditions.length - 1]?.name ?? "");
  const [kind, setKind] = useState<"whole" | "clip">(props.initialIn !== null ? "clip" : "whole");
  const [precision, setPrecision] = useState<Precision>("FAST");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState<Download | null>(null);
  const [job, setJob] = useState<DownloadJobFragment | null>(null);
  const [request] = useMutation(RequestVideoDownloadMutation);
  const client = useApolloClient();
  const alive = useAlive();

  // The streaming preview when the video has one: Safari plays HLS itself, other
  // browsers through hls.js, loaded only here.
  const hlsUrl = props.hlsUrl;
  useEffect(() => {
    const video = player.current;
    if (!hlsUrl || !video) return;
    if (video.canPlayType("application/vnd.apple.mpegurl")) {
      video.src = hlsUrl;
      return;
    }
    let stopped = false;
    let hls: { destroy: () => void } | null = null;
    void import("hls.js").then(({ default: Hls }) => {
      if (stopped || !Hls.isSupported()) return;
      const instance = new Hls();
      instance.loadSource(hlsUrl);
      instance.attachMedia(video);
      hls = instance;
    });
    return () => {
      stopped = true;
      hls?.destroy();
    };
  }, [hlsUrl]);

  // Otherwise, signed in: the smallest rendition through its (signed) link.
  useEffect(() => {
    if (hlsUrl || !me || source || !videoRenditions.length) return;
    const smallest = videoRenditions[videoRenditions.length - 1].name;
    request({ variables: { input: { videoId, rendition: smallest } } })
      .then(({ data }) => setSource(data?.requestVideoDownload?.download?.url ?? null))
      .catch(() => setSource(null));
  }, [hlsUrl, me, source, videoRenditions, request, videoId]);

  // Another choice: the last link no longer answers it.
  useEffect(() => {
    setReady(null);
    setError(null);
  }, [kind, precision, inPoint, outPoint, rendition, segment]);

  function seek(seconds: number) {
    const video = player.current;
    if (!video) return;
    video.currentTime = seconds;
    void video.play().catch(() => undefined);
    video.focus();
  }

  function nextWithRange(): string {
    const url = new URL(window.location.href);
    if (inPoint) url.searchParams.set("in", inPoint); else url.searchParams.delete("in");
    if (outPoint) url.searchParams.set("out", outPoint); else url.searchParams.delete("out");
    return url.pathname + url.search;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!me) {
      open("signIn", nextWithRange());
      return;
    }
    setBusy(true);
    setError(null);
    setReady(null);
    try {
      const input =
        kind === "whole"
          ? { videoId, rendition }
          : segment
            ? { videoId, rendition, precision, ...segment }
            : { videoId, rendition, precision, start: Number(inPoint), end: Number(outPoint) };
      const { data } = await request({ variables: { input } });
      let current = data?.requestVideoDownload ?? null;
      // A clip is cut by the worker: its progress is shown until READY or FAILED.
      while (current && (current.status === "QUEUED" || current.status === "RUNNING")) {
        setJob(current);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        if (!alive.current) return;
        const answer = await client.query({ query: VideoDownloadJobQuery, variables: { id: current.id }, fetchPolicy: "network-only" });
        current = answer.data?.videoDownloadJob ?? null;
      }
      if (!current) setError(messageFor({ code: "NOT_FOUND" }, lang));
      else if (current.status === "READY" && current.download) setReady(current.download);
      else setError(messageFor({ code: current.errorCode ?? "CLIP_FAILED", message: current.errorMessage ?? undefined }, lang));
    } catch (caught) {
      setError(messageFor(codedError(caught), lang));
    } finally {
      setJob(null);
      setBusy(false);
    }
  }

  const timecodeList = (title: string, id: string, items: (Segment & { label: string })[], kindOf: "shot" | "soundbite") =>
    items.length ? (
      <section aria-labelledby={id}>
        <h2 id={id}>{title}</h2>
        <ol className="timecodes">
          {items.map((item) => (
            <li key={item.id}>
              <button type="button" className="link" onClick={() => seek(item.start)}>
                <span className="visually-hidden">{t.play} </span>
                {item.startTimecode}–{item.endTimecode}
              </button>{" "}
              {item.label}{" "}
              <button type="button" className="secondary" onClick={() => {
                setKind("clip");
                setIn(String(item.start));
                setOut(String(item.end));
                setSegment(kindOf === "shot" ? { shot: item.id } : { soundbite: item.id });
              }}>
                {kindOf === "shot" ? t.downloads.useShot : t.downloads.useSoundbite}
              </button>
            </li>
          ))}
        </ol>
      </section>
    ) : null;

  return (
    <div>
      <div className="player">
        {source || hlsUrl ? (
          <video ref={player} controls preload="metadata" poster={props.poster ?? undefined} src={source ?? undefined} crossOrigin="anonymous" data-testid="player">
            {props.subtitles.map((track) => (
              <track key={track.id} kind="subtitles" src={track.url} srcLang={track.locale} label={track.locale === "fr" ? "Français" : "English"} default={track.locale === lang} />
            ))}
          </video>
        ) : props.poster ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={props.poster} alt="" style={{ width: "100%" }} />
        ) : null}
      </div>
      {timecodeList(t.shotlist, "shotlist", props.shotlist.map((shot) => ({ ...shot, label: shot.description })), "shot")}
      {timecodeList(t.soundbites, "soundbites", props.soundbites.map((bite) => ({ ...bite, label: bite.speaker ? labelled(bite.speaker.name, quoted(bite.text, lang), lang) : quoted(bite.text, lang) })), "soundbite")}

      <section aria-labelledby="downloads">
        <h2 id="downloads">{t.downloads.title}</h2>
        <form onSubmit={submit} data-testid="download-form">
          <label htmlFor="dl-rendition">{t.downloads.rendition}</label>
          <select id="dl-rendition" value={rendition} onChange={(e) => setRendition(e.target.value)}>
            {(kind === "clip" ? videoRenditions : props.renditions).map((item) => (
              <option key={item.id} value={item.name}>{item.label}</option>
            ))}
          </select>
          <fieldset>
            <legend>{t.downloads.title}</legend>
            <input type="radio" id="dl-whole" name="kind" checked={kind === "whole"} onChange={() => setKind("whole")} />{" "}
            <label className="inline" htmlFor="dl-whole">{t.downloads.whole}</label>{" "}
            <input type="radio" id="dl-clip" name="kind" checked={kind === "clip"} onChange={() => {
              setKind("clip");
              if (!videoRenditions.some((item) => item.name === rendition)) setRendition(videoRenditions[videoRenditions.length - 1]?.name ?? "");
            }} />{" "}
            <label className="inline" htmlFor="dl-clip">{t.downloads.clip}</label>
          </fieldset>
          {kind === "clip" ? (
            <fieldset>
              <legend>{t.downloads.clip}</legend>
              <label htmlFor="dl-in">{t.downloads.inPoint}</label>
              <input id="dl-in" inputMode="decimal" value={inPoint} required onChange={(e) => { setIn(e.target.value); setSegment(null); }} />{" "}
              <button type="button" className="secondary" onClick={() => { setIn((player.current?.currentTime ?? 0).toFixed(2)); setSegment(null); }}>{t.downloads.setIn}</button>
              <label htmlFor="dl-out">{t.downloads.outPoint}</label>
              <input id="dl-out" inputMode="decimal" value={outPoint} required onChange={(e) => { setOut(e.target.value); setSegment(null); }} />{" "}
              <button type="button" className="secondary" onClick={() => { setOut((player.current?.currentTime ?? 0).toFixed(2)); setSegment(null); }}>{t.downloads.setOut}</button>
              <p className="meta">{inPoint && outPoint ? `${formatSeconds(Number(inPoint))} → ${formatSeconds(Number(outPoint))}` : ""}</p>
              <label htmlFor="dl-precision">{t.downloads.precision}</label>
              <select id="dl-precision" value={precision} onChange={(e) => setPrecision(e.target.value as Precision)}>
                <option value="FAST">{t.downloads.fast}</option>
                <option value="EXACT">{t.downloads.exact}</option>
              </select>
            </fieldset>
          ) : null}
          <p>
            <button type="submit" disabled={busy} data-testid="download">
              {me ? t.downloads.request : t.downloads.signInToDownload}
            </button>
          </p>
        </form>
        <div aria-live="polite" data-testid="download-status">
          {busy ? (
            <div>
              <p>{t.downloads.preparing}</p>
              <progress className="progress" max={100} value={job?.progress ?? 0} aria-label={t.downloads.preparing} data-testid="download-progress">
                {t.downloads.progress(job?.progress ?? 0)}
              </progress>
              <p className="meta">
                {t.downloads.progress(job?.progress ?? 0)}
                {job?.estimatedSeconds ? ` · ${t.downloads.remaining(job.estimatedSeconds)}` : ""}
              </p>
            </div>
          ) : null}
          {error ? <p className="alert" role="alert">{error}</p> : null}
          {ready ? (
            <p className="notice">
              {t.downloads.ready} <a href={ready.url} download={ready.filename} data-testid="download-link">{t.downloads.save}</a>{" "}
              <span className="meta">{ready.filename}{ready.startTimecode ? ` (${ready.startTimecode}–${ready.endTimecode})` : ""}</span>
            </p>
          ) : null}
        </div>
      </section>
    </div>
  );
}
