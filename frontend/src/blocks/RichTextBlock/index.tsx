import { pathOf } from "@/lib/paths";

/** A RichTextBlock: HTML from the CMS (Wagtail's rich text, internal links resolved).
 * Links to pages of the portal become paths of this site. */
export function RichTextBlock({ value }: { value: string }) {
  const html = value.replace(/href="(https?:\/\/[^"]+)"/g, (whole, url: string) => {
    const base = process.env.PORTAL_URL;
    return base && url.startsWith(base) ? `href="${pathOf(url)}"` : whole;
  });
  return <div className="rich-text" dangerouslySetInnerHTML={{ __html: html }} />;
}
