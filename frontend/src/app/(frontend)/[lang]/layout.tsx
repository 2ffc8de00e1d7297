import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AccountProvider } from "@/components/account/AccountProvider";
import { ApolloWrapper } from "@/lib/apollo-browser";
import { isLang, LANGUAGES } from "@/lib/i18n";
import "../globals.css";

export function generateStaticParams() {
  return LANGUAGES.map((lang) => ({ lang }));
}

export const dynamicParams = false;

export default async function RootLayout({ children, params }: { children: ReactNode; params: Promise<{ lang: string }> }) {
  const { lang } = await params;
  if (!isLang(lang)) notFound();
  return (
    <html lang={lang}>
      <body>
        <ApolloWrapper>
          <AccountProvider lang={lang}>{children}</AccountProvider>
        </ApolloWrapper>
      </body>
    </html>
  );
}
