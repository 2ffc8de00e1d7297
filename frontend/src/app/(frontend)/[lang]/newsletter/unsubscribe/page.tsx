import { titled } from "@/lib/meta";
import { notFound } from "next/navigation";
import { UnsubscribeButton } from "@/components/newsletter/TokenAction";
import { Shell } from "@/components/Shell";
import { first } from "@/lib/filters";
import { dict, isLang, otherLang } from "@/lib/i18n";

export const generateMetadata = titled((t) => t.newsletter.unsubscribeTitle);

export default async function UnsubscribePage({ params, searchParams }: { params: Promise<{ lang: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { lang } = await params;
  if (!isLang(lang)) notFound();
  const token = first(await searchParams, "token") ?? "";
  const t = dict(lang).newsletter;
  return (
    <Shell lang={lang} alternate={`/${otherLang(lang)}/newsletter/`}>
      <h1>{t.unsubscribeTitle}</h1>
      <UnsubscribeButton lang={lang} token={token} />
    </Shell>
  );
}
