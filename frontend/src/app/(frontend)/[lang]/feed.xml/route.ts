import { releaseFeed } from "@/lib/feed";
import { isLang } from "@/lib/i18n";

export async function GET(request: Request, { params }: { params: Promise<{ lang: string }> }) {
  const { lang } = await params;
  if (!isLang(lang)) return new Response("Not found", { status: 404 });
  const topic = new URL(request.url).searchParams.get("topic") ?? undefined;
  return releaseFeed(lang, topic && /^[-\w]{1,255}$/.test(topic) ? topic : undefined);
}
