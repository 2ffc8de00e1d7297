import Link from "next/link";
import type { Lang } from "@/lib/i18n";

/** A QuoteBlock: the words and who said them (a Person, linked to the people page). */
export function QuoteBlock({ text, speaker, lang }: { text: string; speaker?: { name: string; slug: string } | null; lang: Lang }) {
  return (
    <blockquote className="quote">
      <p>{text}</p>
      {speaker ? (
        <footer>
          — <Link href={`/${lang}/people/#${speaker.slug}`}>{speaker.name}</Link>
        </footer>
      ) : null}
    </blockquote>
  );
}
