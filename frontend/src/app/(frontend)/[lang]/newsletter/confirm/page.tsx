import { titled } from "@/lib/meta";
import { notFound } from "next/navigation";
import { ConfirmSubscription } from "@/components/newsletter/TokenAction";
import { Shell } from "@/components/Shell";
import { first } from "@/lib/filters";
import { dict, isLang, otherLang } from "@/lib/i18n";

// The double opt-in link: FRONTEND_BASE_URL/<language>/newsletter/confirm?token=…
export const generateMetadata = titled((t) => t.newsletter.confirmTitle);

export default async function ConfirmPage({ params, searchParams }: { params: Promise<{ lang: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { lang } = await params;
  if (!isLang(lang)) notFound();
  const token = first(await searchParams, "token") ?? "";
  const t = dict(lang).newsletter;
  return (
    <Shell lang={lang} alternate={`/${otherLang(lang)}/newsletter/`}>
      <h1>{t.confirmTitle}</h1>
      <ConfirmSubscription lang={lang} token={token} />
    </Shell>
  );
}
