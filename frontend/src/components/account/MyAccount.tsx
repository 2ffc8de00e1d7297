"use client";
import { useMutation } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { codedError, messageFor } from "@/lib/errors";
import { dict, formatDate } from "@/lib/i18n";
import { useAccount } from "./AccountProvider";
import { MyNewsletter } from "./MyNewsletter";
import { DeleteAccountMutation } from "./operations";

/** "My account": the profile, and deleting the account (password asked again). */
export function MyAccount() {
  const { lang, me, open, setMe } = useAccount();
  const t = dict(lang).account;
  const [remove, { loading }] = useMutation(DeleteAccountMutation);
  const [error, setError] = useState<string | null>(null);
  const [deleted, setDeleted] = useState(false);

  if (deleted) return <p className="notice" role="status" data-testid="account-deleted">{t.deleted}</p>;
  if (me === undefined) return <p role="status">…</p>;
  if (me === null) {
    return (
      <p>
        {t.signInFirst} <button type="button" onClick={() => open("signIn")}>{t.signIn}</button>
      </p>
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    setError(null);
    try {
      await remove({ variables: { password } });
      setDeleted(true);
      setMe(null);
    } catch (caught) {
      setError(messageFor(codedError(caught), lang));
    }
  }

  return (
    <>
      <section aria-labelledby="profile">
        <h2 id="profile">{t.profile}</h2>
        <dl data-testid="profile">
          <dt>{t.email}</dt><dd>{me.email}</dd>
          <dt>{t.firstName}</dt><dd>{me.firstName}</dd>
          <dt>{t.lastName}</dt><dd>{me.lastName}</dd>
          <dt>{t.organisation}</dt><dd>{me.organisation}</dd>
          {me.mediaType ? (<><dt>{t.mediaType}</dt><dd>{t.mediaTypes[me.mediaType]}</dd></>) : null}
          {me.countryName ? (<><dt>{t.countryName}</dt><dd>{me.countryName}</dd></>) : null}
          <dt>{t.language}</dt><dd>{me.preferredLanguage === "fr" ? "Français" : "English"}</dd>
          <dt>{lang === "fr" ? "Inscrit le" : "Member since"}</dt><dd>{formatDate(me.dateJoined, lang)}</dd>
        </dl>
      </section>
      <MyNewsletter lang={lang} />
      <section aria-labelledby="delete">
        <h2 id="delete">{t.deleteAccount}</h2>
        <form onSubmit={submit}>
          <p>{t.deleteConfirm}</p>
          <div aria-live="assertive">{error ? <p className="alert" role="alert">{error}</p> : null}</div>
          <label htmlFor="delete-password">{t.password}</label>
          <input id="delete-password" name="password" type="password" autoComplete="current-password" required />
          <p><button type="submit" disabled={loading}>{t.deleteAccount}</button></p>
        </form>
      </section>
    </>
  );
}
