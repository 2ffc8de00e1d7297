import type { Metadata } from "next";
import { dict, isLang, type Dictionary } from "./i18n";

/** generateMetadata for a portal page whose title is one of the interface's words. */
export function titled(pick: (t: Dictionary) => string) {
  return async ({ params }: { params: Promise<{ lang: string }> }): Promise<Metadata> => {
    const { lang } = await params;
    return { title: pick(dict(isLang(lang) ? lang : "en")) };
  };
}
