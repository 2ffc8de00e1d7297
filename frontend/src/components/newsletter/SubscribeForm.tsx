"use client";
import { useMutation } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import type { LanguageCode } from "@/gql/graphql";
import { codedError, messageFor } from "@/lib/errors";
import { dict, type Lang } from "@/lib/i18n";
import { SubscribeMutation } from "./operations";

/** Newsletter sign-up: address, language, topics (none: every topic). */
export function SubscribeForm({ lang, topics }: { lang: Lang; topics: { slug: string; name: string }[] }) {
  const t = dict(lang).newsletter;
  const [subscribe, { loading }] = useMutation(SubscribeMutation);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    try {
      await subscribe({
        variables: {
          email: String(form.get("email") ?? "").trim(),
          language: (form.get("language") === "en" ? "en" : "fr") as LanguageCode,
          topics: form.getAll("topics").map(String),
        },
      });
      setDone(true);
    } catch (caught) {
      setError(messageFor(codedError(caught), lang));
    }
  }

  if (done) return <p className="notice" role="status" data-testid="newsletter-done">{t.checkMail}</p>;
  return (
    <form onSubmit={submit} data-testid="newsletter-form">
      <div aria-live="assertive">{error ? <p className="alert" role="alert">{error}</p> : null}</div>
      <label htmlFor="nl-email">{t.email}</label>
      <input id="nl-email" name="email" type="email" autoComplete="email" required />
      <label htmlFor="nl-language">{t.language}</label>
      <select id="nl-language" name="language" defaultValue={lang}>
        <option value="fr">Français</option>
        <option value="en">English</option>
      </select>
      <fieldset>
        <legend>{t.topics}</legend>
        {topics.map((topic) => (
          <p key={topic.slug} className="check">
            <input type="checkbox" id={`nl-topic-${topic.slug}`} name="topics" value={topic.slug} />{" "}
            <label htmlFor={`nl-topic-${topic.slug}`}>{topic.name}</label>
          </p>
        ))}
      </fieldset>
      <p><button type="submit" disabled={loading}>{t.subscribe}</button></p>
    </form>
  );
}
