"use client";
// The account dialog of the seed: sign in; register with a live checklist of the
// password rules; the e-mailed code with "send a new code" and its countdown;
// forgotten password → code → new password; then back to the page the journalist
// was on (`next`, a path of this site only).
import { useApolloClient, useMutation } from "@apollo/client/react";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import type { MediaType } from "@/gql/graphql";
import { codedError, messageFor } from "@/lib/errors";
import { dict, type Lang } from "@/lib/i18n";
import { passwordOk } from "@/lib/passwords";
import { safeNext } from "@/lib/paths";
import { afterVerifyError, verifyVariables, type CodeStep } from "@/lib/verify";
import type { Me } from "./AccountProvider";
import {
  LoginMutation,
  MeQuery,
  RegisterMutation,
  RequestPasswordResetMutation,
  ResetPasswordMutation,
  VerifyEmailMutation,
} from "./operations";
import { PasswordChecklist } from "./PasswordChecklist";
import { ResendCode } from "./ResendCode";

export type DialogMode = "signIn" | "register" | "verify" | "forgot" | "reset" | "resetDone";

const MEDIA_TYPES: MediaType[] = ["PRESS_AGENCY", "PRINT", "TELEVISION", "RADIO", "ONLINE", "FREELANCE", "OTHER"];

type Props = {
  lang: Lang;
  initialMode: DialogMode;
  next: string;
  onClose: () => void;
  onSignedIn: (me: Me) => void;
  refresh: () => Promise<void>;
};

function text(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(name);
  return typeof value === "string" ? value.trim() : "";
}

export function AccountDialog({ lang, initialMode, next, onClose, onSignedIn, refresh }: Props) {
  const t = dict(lang).account;
  const router = useRouter();
  const client = useApolloClient();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const rulesId = useId();
  const [mode, setMode] = useState<DialogMode>(initialMode);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [retryAfter, setRetryAfter] = useState(60);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [returnTo, setReturnTo] = useState(safeNext(next, lang));
  const [codeStep, setCodeStep] = useState<CodeStep>({ askPassword: false });
  const alertRef = useRef<HTMLParagraphElement>(null);

  const [login] = useMutation(LoginMutation);
  const [register] = useMutation(RegisterMutation);
  const [verify] = useMutation(VerifyEmailMutation);
  const [requestReset] = useMutation(RequestPasswordResetMutation);
  const [resetPassword] = useMutation(ResetPasswordMutation);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  // An error is read out and brought into view, wherever the form was scrolled to.
  useEffect(() => {
    if (error) alertRef.current?.focus();
  }, [error]);

  function go(to: DialogMode) {
    setError(null);
    setNotice(null);
    setPassword("");
    setMode(to);
  }

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      const coded = codedError(caught);
      setError(messageFor(coded, lang));
      if (coded.code === "EMAIL_NOT_VERIFIED") setMode("verify");
    } finally {
      setBusy(false);
    }
  }

  async function signIn(address: string, secret: string) {
    const { data } = await login({ variables: { email: address, password: secret } });
    await signedIn(Boolean(data?.login));
  }

  async function signedIn(answered: boolean) {
    const { data: fresh } = await client.query({ query: MeQuery, fetchPolicy: "network-only" });
    if (fresh?.me) onSignedIn(fresh.me);
    else if (answered) await refresh();
    close();
    // Back to the page the journalist was on (with its in/out points), re-rendered.
    const target = safeNext(next, lang);
    if (target !== window.location.pathname + window.location.search) router.push(target);
    else router.refresh();
  }

  // Closing (the button, Escape, after signing in) goes through the dialog's own
  // close event, after which the browser gives focus back to what opened it.
  function close() {
    if (ref.current?.open) ref.current.close();
    else onClose();
  }

  const submit = (handler: (form: HTMLFormElement) => Promise<void>) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    void run(() => handler(form));
  };

  const heading = {
    signIn: t.signIn,
    register: t.register,
    verify: t.code,
    forgot: t.forgot,
    reset: t.newPassword,
    resetDone: t.newPassword,
  }[mode];

  return (
    <dialog ref={ref} className="account" aria-labelledby={titleId} onClose={() => onClose()} data-testid="account-dialog">
      <h2 id={titleId}>{heading}</h2>
      <div aria-live="assertive">
        {error ? <p className="alert" role="alert" tabIndex={-1} ref={alertRef}>{error}</p> : null}
      </div>
      {notice ? <p className="notice" role="status">{notice}</p> : null}

      {mode === "signIn" ? (
        <form onSubmit={submit(async (form) => signIn(text(form, "email"), password))}>
          <p>{t.intro}</p>
          <label htmlFor="account-email">{t.email}</label>
          <input id="account-email" name="email" type="email" autoComplete="email" required defaultValue={email}
            onChange={(e) => setEmail(e.target.value)} />
          <label htmlFor="account-password">{t.password}</label>
          <input id="account-password" name="password" type="password" autoComplete="current-password" required
            value={password} onChange={(e) => setPassword(e.target.value)} />
          <p><button type="submit" disabled={busy} data-testid="account-submit">{t.signIn}</button></p>
          <p><button type="button" className="link" onClick={() => go("forgot")} data-testid="to-forgot">{t.forgot}</button></p>
          <p><button type="button" className="link" onClick={() => go("register")} data-testid="to-register">{t.noAccount}</button></p>
        </form>
      ) : null}

      {mode === "register" ? (
        <form onSubmit={submit(async (form) => {
          const address = text(form, "email");
          const { data } = await register({
            variables: {
              email: address,
              password,
              firstName: text(form, "firstName"),
              lastName: text(form, "lastName"),
              organisation: text(form, "organisation"),
              mediaType: text(form, "mediaType") as MediaType,
              country: text(form, "country").toUpperCase(),
              preferredLanguage: text(form, "preferredLanguage") === "en" ? "en" : "fr",
              acceptTerms: new FormData(form).get("acceptTerms") === "on",
              newsletter: new FormData(form).get("newsletter") === "on",
            },
          });
          setEmail(address);
          setRetryAfter(data?.register?.retryAfter ?? 60);
          setMode("verify");
          setNotice(t.codeSent(address));
        })}>
          <p>{t.intro}</p>
          <label htmlFor="reg-email">{t.email}</label>
          <input id="reg-email" name="email" type="email" autoComplete="email" required />
          <label htmlFor="reg-password">{t.password}</label>
          <input id="reg-password" name="password" type="password" autoComplete="new-password" required
            aria-describedby={rulesId} value={password} onChange={(e) => setPassword(e.target.value)} />
          <PasswordChecklist password={password} lang={lang} id={rulesId} />
          <label htmlFor="reg-first">{t.firstName}</label>
          <input id="reg-first" name="firstName" autoComplete="given-name" required />
          <label htmlFor="reg-last">{t.lastName}</label>
          <input id="reg-last" name="lastName" autoComplete="family-name" required />
          <label htmlFor="reg-org">{t.organisation}</label>
          <input id="reg-org" name="organisation" autoComplete="organization" required />
          <label htmlFor="reg-media">{t.mediaType}</label>
          <select id="reg-media" name="mediaType" required defaultValue="ONLINE">
            {MEDIA_TYPES.map((type) => <option key={type} value={type}>{t.mediaTypes[type]}</option>)}
          </select>
          <label htmlFor="reg-country">{t.country}</label>
          <input id="reg-country" name="country" required maxLength={2} pattern="[A-Za-z]{2}" autoComplete="country" />
          <label htmlFor="reg-lang">{t.language}</label>
          <select id="reg-lang" name="preferredLanguage" defaultValue={lang}>
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
          <p className="check"><input id="reg-terms" name="acceptTerms" type="checkbox" required /> <label htmlFor="reg-terms">{t.acceptTerms}</label></p>
          <p>{t.newsletterIntro}</p>
          <p className="check"><input id="reg-news" name="newsletter" type="checkbox" /> <label htmlFor="reg-news">{t.newsletter}</label></p>
          <p><button type="submit" disabled={busy || !passwordOk(password)} data-testid="account-submit">{t.register}</button></p>
          <p><button type="button" className="link" onClick={() => go("signIn")}>{t.haveAccount}</button></p>
        </form>
      ) : null}

      {mode === "verify" ? (
        <>
          <form onSubmit={submit(async (form) => {
            // From another browser than the one that registered, the CMS asks
            // for the registration password too (PASSWORD_REQUIRED).
            const secret = codeStep.askPassword ? text(form, "password") : password;
            try {
              await verify({ variables: verifyVariables(email, text(form, "code"), secret) });
            } catch (caught) {
              setCodeStep((step) => afterVerifyError(step, codedError(caught)));
              throw caught;
            }
            // Confirming signs the journalist in (verifyEmail sets the session).
            const { data: fresh } = await client.query({ query: MeQuery, fetchPolicy: "network-only" });
            if (fresh?.me) {
              await signedIn(true);
            } else {
              go("signIn");
              setNotice(t.verified);
            }
          })}>
            <label htmlFor="verify-code">{t.code}</label>
            <input id="verify-code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required />
            {codeStep.askPassword ? (
              <>
                <p id="verify-password-why">{t.passwordRequired}</p>
                <label htmlFor="verify-password">{t.password}</label>
                <input id="verify-password" name="password" type="password" autoComplete="current-password" required
                  aria-describedby="verify-password-why" data-testid="verify-password" />
              </>
            ) : null}
            <p><button type="submit" disabled={busy} data-testid="account-submit">{t.confirm}</button></p>
          </form>
          <ResendCode email={email} purpose="EMAIL_CONFIRMATION" lang={lang} retryAfter={retryAfter} />
        </>
      ) : null}

      {mode === "forgot" ? (
        <form onSubmit={submit(async (form) => {
          const address = text(form, "email");
          const { data } = await requestReset({ variables: { email: address } });
          setEmail(address);
          setRetryAfter(data?.requestPasswordReset?.retryAfter ?? 60);
          setMode("reset");
          setNotice(t.codeSent(address));
        })}>
          <p>{t.forgotIntro}</p>
          <label htmlFor="forgot-email">{t.email}</label>
          <input id="forgot-email" name="email" type="email" autoComplete="email" required defaultValue={email} />
          <p><button type="submit" disabled={busy} data-testid="account-submit">{t.sendCode}</button></p>
          <p><button type="button" className="link" onClick={() => go("signIn")}>{t.haveAccount}</button></p>
        </form>
      ) : null}

      {mode === "reset" ? (
        <>
          <form onSubmit={submit(async (form) => {
            const { data } = await resetPassword({
              variables: { email, code: text(form, "code"), newPassword: password, next: safeNext(next, lang) },
            });
            setReturnTo(safeNext(data?.resetPassword?.next ?? next, lang));
            setNotice(null);
            setMode("resetDone");
          })}>
            <label htmlFor="reset-code">{t.code}</label>
            <input id="reset-code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required />
            <label htmlFor="reset-password">{t.newPassword}</label>
            <input id="reset-password" name="newPassword" type="password" autoComplete="new-password" required
              aria-describedby={rulesId} value={password} onChange={(e) => setPassword(e.target.value)} />
            <PasswordChecklist password={password} lang={lang} id={rulesId} />
            <p><button type="submit" disabled={busy || !passwordOk(password)} data-testid="account-submit">{t.confirm}</button></p>
          </form>
          <ResendCode email={email} purpose="PASSWORD_RESET" lang={lang} retryAfter={retryAfter} />
        </>
      ) : null}

      {mode === "resetDone" ? (
        <div>
          <p>{t.resetDone}</p>
          <p>
            <button type="button" data-testid="back-to-page" onClick={() => {
              if (returnTo !== window.location.pathname + window.location.search) router.push(returnTo);
              go("signIn");
            }}>
              {t.backToPage}
            </button>
          </p>
        </div>
      ) : null}

      <p><button type="button" className="secondary" onClick={close}>{t.close}</button></p>
    </dialog>
  );
}
