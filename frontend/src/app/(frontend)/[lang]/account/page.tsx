import { titled } from "@/lib/meta";
import { notFound } from "next/navigation";
import { MyAccount } from "@/components/account/MyAccount";
import { Shell } from "@/components/Shell";
import { ApolloWrapper } from "@/lib/apollo-browser";
import { dict, isLang, otherLang } from "@/lib/i18n";

export const generateMetadata = titled((t) => t.account.myAccount);

export default async function AccountPage({ params }: { params: Promise<{ lang: string }> }) {
  const { lang } = await params;
  if (!isLang(lang)) notFound();
  return (
    <Shell lang={lang} alternate={`/${otherLang(lang)}/account/`}>
      <h1>{dict(lang).account.myAccount}</h1>
      <ApolloWrapper><MyAccount /></ApolloWrapper>
    </Shell>
  );
}
