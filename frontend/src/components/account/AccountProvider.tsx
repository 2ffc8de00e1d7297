"use client";
// Who is signed in, for every client component of the page (the header's menu,
// the download panel, "my account"), and the one account dialog they open.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { MeQuery as MeResult } from "@/gql/graphql";
import { operation } from "@/lib/csrf-browser";
import type { Lang } from "@/lib/i18n";
import dynamic from "next/dynamic";
import type { DialogMode } from "./AccountDialog";
import { ME_TEXT } from "./header-operations";

export type Me = NonNullable<MeResult["me"]>;

type AccountState = {
  lang: Lang;
  /** undefined while the CMS is asked, null when signed out. */
  me: Me | null | undefined;
  refresh: () => Promise<void>;
  /** Open the dialog; `next` is where to come back to (default: this page). */
  open: (mode?: DialogMode, next?: string) => void;
  setMe: (me: Me | null) => void;
};

// The dialog's code (and Apollo Client, which it brings) is fetched when it is
// first opened, not with every page.
const AccountDialog = dynamic(() => import("./AccountDialogWithApollo").then((module) => module.AccountDialogWithApollo), {
  ssr: false,
});

const AccountContext = createContext<AccountState | null>(null);

export function useAccount(): AccountState {
  const state = useContext(AccountContext);
  if (!state) throw new Error("useAccount outside AccountProvider");
  return state;
}

export function currentPath(): string {
  return window.location.pathname + window.location.search;
}

export function AccountProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [dialog, setDialog] = useState<{ mode: DialogMode; next: string } | null>(null);

  const refresh = useCallback(async () => {
    try {
      const data = await operation<MeResult>(ME_TEXT);
      setMe(data?.me ?? null);
    } catch {
      setMe(null);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Where keyboard focus goes back when the dialog closes.
  const opener = useRef<HTMLElement | null>(null);
  const open = useCallback((mode: DialogMode = "signIn", next?: string) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setDialog({ mode, next: next ?? currentPath() });
  }, []);
  const closed = useCallback(() => {
    setDialog(null);
    const target = opener.current;
    if (target?.isConnected && (document.activeElement === document.body || !document.activeElement)) target.focus();
  }, []);

  const value = useMemo(() => ({ lang, me, refresh, open, setMe }), [lang, me, refresh, open]);
  return (
    <AccountContext.Provider value={value}>
      {children}
      {dialog ? (
        <AccountDialog
          lang={lang}
          initialMode={dialog.mode}
          next={dialog.next}
          onClose={closed}
          onSignedIn={(signedIn) => setMe(signedIn)}
          refresh={refresh}
        />
      ) : null}
    </AccountContext.Provider>
  );
}
