import { releaseFeed } from "@/lib/feed";
import { isLang } from "@/lib/i18n";

export async function GET(_request: Request, { params }: { params: Promise<{ lang: string; slug: string }> }) {
  const { lang, slug } = await params;
  if (!isLang(lang) || !/^[-\w]{1,255}$/.test(slug)) return new Response("Not found", { status: 404 });
  return releaseFeed(lang, slug);
}
