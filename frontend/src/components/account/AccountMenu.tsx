"use client";
import { useMutation } from "@apollo/client/react";
import Link from "next/link";
import { dict } from "@/lib/i18n";
import { useAccount } from "./AccountProvider";
import { LogoutMutation } from "./operations";

/** The header's "Sign in" button, or "My account" and "Sign out". */
export function AccountMenu() {
  const { lang, me, open, setMe } = useAccount();
  const t = dict(lang).account;
  const [logout, { loading }] = useMutation(LogoutMutation);
  if (me === undefined) return <span className="meta" aria-hidden="true">…</span>;
  if (me === null) {
    return (
      <button type="button" onClick={() => open("signIn")} data-testid="sign-in">
        {t.signIn}
      </button>
    );
  }
  return (
    <>
      <Link href={`/${lang}/account/`} data-testid="my-account">{t.myAccount}</Link>
      <button
        type="button"
        className="secondary"
        data-testid="sign-out"
        disabled={loading}
        onClick={async () => {
          await logout().catch(() => undefined);
          setMe(null);
        }}
      >
        {t.signOut}
      </button>
    </>
  );
}
