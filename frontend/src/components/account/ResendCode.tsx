"use client";
import { useMutation } from "@apollo/client/react";
import { useEffect, useState } from "react";
import type { CodePurpose } from "@/gql/graphql";
import { codedError, messageFor } from "@/lib/errors";
import { dict, type Lang } from "@/lib/i18n";
import { ResendCodeMutation } from "./operations";

/** "Didn't receive a code? Send a new code", disabled for `retryAfter` seconds. */
export function ResendCode({ email, purpose, lang, retryAfter }: { email: string; purpose: CodePurpose; lang: Lang; retryAfter: number }) {
  const t = dict(lang).account;
  const [until, setUntil] = useState(() => Date.now() + retryAfter * 1000);
  const [now, setNow] = useState(() => Date.now());
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [resend, { loading }] = useMutation(ResendCodeMutation);
  const remaining = Math.max(0, Math.ceil((until - now) / 1000));

  useEffect(() => {
    if (remaining <= 0) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [remaining]);

  return (
    <div>
      <p>
        {t.noCode}{" "}
        <button
          type="button"
          className="link"
          data-testid="resend"
          disabled={remaining > 0 || loading}
          onClick={async () => {
            setError(null);
            setStatus(null);
            try {
              const { data } = await resend({ variables: { email, purpose } });
              setStatus(t.resent);
              setUntil(Date.now() + (data?.resendCode?.retryAfter ?? 60) * 1000);
              setNow(Date.now());
            } catch (caught) {
              const coded = codedError(caught);
              setError(messageFor(coded, lang));
              if (coded.retryAfter) {
                setUntil(Date.now() + coded.retryAfter * 1000);
                setNow(Date.now());
              }
            }
          }}
        >
          {t.resend}
        </button>
      </p>
      {remaining > 0 ? <p className="meta" data-testid="resend-countdown">{t.resendIn(remaining)}</p> : null}
      <div aria-live="polite">
        {status ? <p className="notice">{status}</p> : null}
        {error ? <p className="alert" role="alert">{error}</p> : null}
      </div>
    </div>
  );
}
