"use client";
// Who is signed in, for every client component of the page (the header's menu,
// the download panel, "my account"), and the one account dialog they open.
import { useApolloClient } from "@apollo/client/react";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { MeQuery as MeResult } from "@/gql/graphql";
import type { Lang } from "@/lib/i18n";
import dynamic from "next/dynamic";
import type { DialogMode } from "./AccountDialog";
import { MeQuery } from "./operations";

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

// The dialog's code is fetched when it is first opened, not with every page.
const AccountDialog = dynamic(() => import("./AccountDialog").then((module) => module.AccountDialog), {
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
  const client = useApolloClient();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [dialog, setDialog] = useState<{ mode: DialogMode; next: string } | null>(null);

  const refresh = useCallback(async () => {
    try {
      const { data } = await client.query({ query: MeQuery, fetchPolicy: "network-only", errorPolicy: "all" });
      setMe(data?.me ?? null);
    } catch {
      setMe(null);
    }
  }, [client]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const open = useCallback((mode: DialogMode = "signIn", next?: string) => {
    setDialog({ mode, next: next ?? currentPath() });
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
          onClose={() => setDialog(null)}
          onSignedIn={(signedIn) => setMe(signedIn)}
          refresh={refresh}
        />
      ) : null}
    </AccountContext.Provider>
  );
}
