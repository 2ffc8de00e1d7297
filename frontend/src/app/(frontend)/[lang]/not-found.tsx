import { headers } from "next/headers";
import { NotFoundPage } from "@/components/pages/FallbackPages";
import { isLang, type Lang } from "@/lib/i18n";

// A notFound() of a client navigation (an RSC request: the proxy does not check
// those). A page a reader opens is checked by the proxy first, which sends the same
// page rendered on the server with its 404 (src/lib/gate.ts).
export default async function NotFound() {
  // not-found pages get no params: src/proxy.ts tells the language.
  const asked = (await headers()).get("x-portal-lang") ?? "";
  const lang: Lang = isLang(asked) ? asked : "en";
  return <NotFoundPage lang={lang} />;
}
