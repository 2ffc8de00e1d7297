"use client";
// The pages the newsletter's e-mails lead to: confirming a subscription (done on
// arrival) and unsubscribing (on a button, so a link scanner unsubscribes nobody).
import { useMutation } from "@apollo/client/react";
import { useEffect, useRef, useState } from "react";
import { codedError, messageFor } from "@/lib/errors";
import { dict, type Lang } from "@/lib/i18n";
import { ConfirmMutation, UnsubscribeMutation } from "./operations";

export function ConfirmSubscription({ lang, token }: { lang: Lang; token: string }) {
  const t = dict(lang).newsletter;
  const [confirm] = useMutation(ConfirmMutation);
  const [state, setState] = useState<"working" | "done" | string>("working");
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    if (!token) {
      setState(t.invalidToken);
      return;
    }
    confirm({ variables: { token } })
      .then(() => setState("done"))
      .catch((caught) => {
        const coded = codedError(caught);
        setState(coded.code === "INVALID_TOKEN" ? t.invalidToken : messageFor(coded, lang));
      });
  }, [confirm, token, lang, t.invalidToken]);
  if (state === "working") return <p role="status">…</p>;
  if (state === "done") return <p className="notice" role="status" data-testid="newsletter-confirmed">{t.confirmed}</p>;
  return <p className="alert" role="alert">{state}</p>;
}

export function UnsubscribeButton({ lang, token }: { lang: Lang; token: string }) {
  const t = dict(lang).newsletter;
  const [unsubscribe, { loading }] = useMutation(UnsubscribeMutation);
  const [state, setState] = useState<"idle" | "done" | string>(token ? "idle" : t.invalidToken);
  if (state === "done") return <p className="notice" role="status" data-testid="newsletter-unsubscribed">{t.unsubscribed}</p>;
  return (
    <>
      {state !== "idle" ? <p className="alert" role="alert">{state}</p> : null}
      {token ? (
        <button type="button" disabled={loading} onClick={() => {
          unsubscribe({ variables: { token } })
            .then(() => setState("done"))
            .catch((caught) => {
              const coded = codedError(caught);
              setState(coded.code === "INVALID_TOKEN" ? t.invalidToken : messageFor(coded, lang));
            });
        }}>{t.unsubscribeButton}</button>
      ) : null}
    </>
  );
}
