"use client";
import Link from "next/link";
import { useState } from "react";
import { operation } from "@/lib/csrf-browser";
import { dict } from "@/lib/i18n";
import { useAccount } from "./AccountProvider";
import { LOGOUT_TEXT } from "./header-operations";

/** The header's "Sign in" button, or "My account" and "Sign out". */
export function AccountMenu() {
  const { lang, me, open, setMe } = useAccount();
  const t = dict(lang).account;
  const [loading, setLoading] = useState(false);
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
          setLoading(true);
          await operation(LOGOUT_TEXT).catch(() => undefined);
          setLoading(false);
          setMe(null);
        }}
      >
        {t.signOut}
      </button>
    </>
  );
}
