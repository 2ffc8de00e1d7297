"use client";
// What the newsletter's e-mail links do on the portal, each with the token of its
// link (no sign-in): confirming a subscription (done on arrival), unsubscribing (on
// a button, so a link scanner unsubscribes nobody; then the "done" page, without
// the token in the address), changing language and topics (a signed token).
import { useMutation, useQuery } from "@apollo/client/react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { LanguageCode } from "@/gql/graphql";
import { codedError, messageFor } from "@/lib/errors";
import { dict, type Lang } from "@/lib/i18n";
import { ConfirmMutation, PreferencesQuery, UnsubscribeMutation, UpdatePreferencesMutation } from "./operations";

function failure(caught: unknown, lang: Lang, invalid: string): string {
  const coded = codedError(caught);
  return coded.code === "INVALID_TOKEN" ? invalid : messageFor(coded, lang);
}

const Alert = ({ text }: { text: string }) => <p className="alert" role="alert" data-testid="newsletter-error">{text}</p>;

export function ConfirmSubscription({ lang, token }: { lang: Lang; token: string }) {
  const t = dict(lang).newsletter;
  const [confirm] = useMutation(ConfirmMutation);
  const [state, setState] = useState<"working" | "done" | string>("working");
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    confirm({ variables: { token } })
      .then(() => setState("done"))
      .catch((caught) => setState(failure(caught, lang, t.invalidToken)));
  }, [confirm, token, lang, t.invalidToken]);
  if (state === "working") return <p role="status">…</p>;
  if (state === "done") return <p className="notice" role="status" data-testid="newsletter-confirmed">{t.confirmed}</p>;
  return <Alert text={state} />;
}

export function UnsubscribeButton({ lang, token }: { lang: Lang; token: string }) {
  const t = dict(lang).newsletter;
  const router = useRouter();
  const [unsubscribe, { loading }] = useMutation(UnsubscribeMutation);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      {error ? <Alert text={error} /> : null}
      <button type="button" disabled={loading} onClick={() => {
        unsubscribe({ variables: { token } })
          // The done page: it says so however often it is reloaded, and the
          // token leaves the address bar (and the history).
          .then(() => router.replace(`/${lang}/newsletter/unsubscribe/?done=1`))
          .catch((caught) => setError(failure(caught, lang, t.invalidToken)));
      }}>{t.unsubscribeButton}</button>
    </>
  );
}

type Topic = { slug: string; name: string };

export function PreferencesForm({ lang, token, topics }: { lang: Lang; token: string; topics: Topic[] }) {
  const t = dict(lang).newsletter;
  const { data, loading, error: loadError } = useQuery(PreferencesQuery, { variables: { token }, fetchPolicy: "network-only" });
  const [update, { loading: saving }] = useMutation(UpdatePreferencesMutation);
  const [state, setState] = useState<{ saved: boolean; error: string | null }>({ saved: false, error: null });
  const subscription = data?.newsletterPreferences;

  if (loading) return <p role="status">…</p>;
  if (loadError || !subscription) return <Alert text={loadError ? failure(loadError, lang, t.preferencesInvalid) : t.preferencesInvalid} />;
  const followed = new Set(subscription.topics.map((topic) => topic.slug));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const allTopics = form.get("allTopics") === "on";
    const chosen = form.getAll("topics").map(String);
    if (!allTopics && !chosen.length) {
      setState({ saved: false, error: t.noTopics });
      return;
    }
    try {
      await update({
        variables: {
          token,
          language: (form.get("language") === "fr" ? "fr" : "en") as LanguageCode,
          topics: chosen,
          allTopics,
        },
      });
      setState({ saved: true, error: null });
    } catch (caught) {
      setState({ saved: false, error: failure(caught, lang, t.preferencesInvalid) });
    }
  }

  return (
    <form onSubmit={submit} data-testid="newsletter-preferences" onChange={() => setState({ saved: false, error: null })}>
      <p>{t.preferencesFor(subscription.email)}</p>
      <div aria-live="polite">
        {state.saved ? <p className="notice" role="status" data-testid="newsletter-saved">{t.saved}</p> : null}
        {state.error ? <Alert text={state.error} /> : null}
      </div>
      <label htmlFor="nl-language">{t.language}</label>
      <select id="nl-language" name="language" defaultValue={subscription.language}>
        <option value="fr" lang="fr">Français</option>
        <option value="en" lang="en">English</option>
      </select>
      <p className="check">
        <input type="checkbox" id="nl-all-topics" name="allTopics" defaultChecked={subscription.allTopics} />{" "}
        <label htmlFor="nl-all-topics">{t.allTopics}</label>
      </p>
      <fieldset>
        <legend>{t.onlyTopics}</legend>
        {topics.map((topic) => (
          <p key={topic.slug} className="check">
            <input type="checkbox" id={`nl-topic-${topic.slug}`} name="topics" value={topic.slug} defaultChecked={followed.has(topic.slug)} />{" "}
            <label htmlFor={`nl-topic-${topic.slug}`}>{topic.name}</label>
          </p>
        ))}
      </fieldset>
      <p><button type="submit" disabled={saving}>{t.save}</button></p>
    </form>
  );
}
