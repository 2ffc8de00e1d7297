"use client";
// The API is down (or the portal could not read it): a friendly page with a retry,
// in the page's language, never a stack trace.
import { useParams, useRouter } from "next/navigation";
import { startTransition } from "react";
import { dict, isLang } from "@/lib/i18n";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const params = useParams<{ lang: string }>();
  const lang = isLang(params?.lang ?? "") ? (params.lang as "en" | "fr") : "en";
  const t = dict(lang);
  const router = useRouter();
  return (
    <main id="main">
      <h1>{t.errors.title}</h1>
      <p>{t.errors.body}</p>
      <p>
        <button type="button" onClick={() => startTransition(() => { router.refresh(); reset(); })} data-testid="retry">
          {t.errors.retry}
        </button>{" "}
        <a href={`/${lang}/`}>{t.errors.backHome}</a>
      </p>
    </main>
  );
}
