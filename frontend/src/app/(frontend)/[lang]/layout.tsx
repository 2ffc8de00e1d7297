import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AccountProvider } from "@/components/account/AccountProvider";
import { dict, isLang } from "@/lib/i18n";
import "../globals.css";

// Nothing is rendered at build time (the CMS need not be up then): each page is
// rendered on first request, its CMS answers kept (tag "cms") until the publish
// webhook expires them (app/api/revalidate) or REVALIDATE_SECONDS pass.

export async function generateMetadata({ params }: { params: Promise<{ lang: string }> }): Promise<Metadata> {
  const { lang } = await params;
  const t = dict(isLang(lang) ? lang : "en");
  return {
    title: { default: t.siteName, template: `%s · ${t.siteName}` },
    description: t.tagline,
    alternates: { types: { "application/rss+xml": `/${isLang(lang) ? lang : "en"}/feed.xml` } },
  };
}

export default async function RootLayout({ children, params }: { children: ReactNode; params: Promise<{ lang: string }> }) {
  const { lang } = await params;
  if (!isLang(lang)) notFound();
  return (
    <html lang={lang}>
      <body>
        {/* No Apollo Client here: only the components where the journalist acts
            bring it (ApolloWrapper around each), so reading loads none. */}
        <AccountProvider lang={lang}>{children}</AccountProvider>
      </body>
    </html>
  );
}
