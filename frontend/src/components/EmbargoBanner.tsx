"use client";
// "Embargoed until <time> (<zone>)": shown to accredited journalists on a release
// or video under embargo (only they receive `embargoedUntil`). The time is in the
// reader's own time zone, which only the browser knows: the server renders it in
// the press office's zone (`embargoTimeZone`, the zone the editor wrote the lift
// time in), then the browser re-renders it in its own, adding the office's
// wording when the zones differ.
import { useEffect, useState } from "react";
import { dict, type Lang } from "@/lib/i18n";

export function formatLift(iso: string, lang: Lang, timeZone: string): string {
  return new Intl.DateTimeFormat(lang === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "full",
    timeStyle: "short",
    timeZone,
  }).format(new Date(iso));
}

export function EmbargoBanner({ until, lang, zone }: { until: string; lang: Lang; zone?: string | null }) {
  const t = dict(lang).embargo;
  const office = zone || "UTC";
  const [reader, setReader] = useState<string | null>(null);
  useEffect(() => setReader(Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"), []);
  const shown = reader ?? office;
  return (
    <div className="embargo-banner" role="note" data-testid="embargo-banner">
      <p><strong>{t.until(formatLift(until, lang, shown), shown)}</strong></p>
      <p>{t.warning}</p>
      {zone && reader && reader !== zone ? <p>{t.setIn(formatLift(until, lang, zone), zone)}</p> : null}
    </div>
  );
}
