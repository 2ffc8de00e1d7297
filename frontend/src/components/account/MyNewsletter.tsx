"use client";
// "My account" → newsletter: the signed-in journalist's subscription (myNewsletter),
// subscribed to or left in one click (updateMyNewsletter).
import { useMutation, useQuery } from "@apollo/client/react";
import { useState } from "react";
import { graphql } from "@/gql";
import { codedError, messageFor } from "@/lib/errors";
import { dict, labelled, type Lang } from "@/lib/i18n";

const MyNewsletterQuery = graphql(`
  query MyNewsletter { myNewsletter { email language status allTopics topics { slug name } } }
`);

const UpdateMyNewsletterMutation = graphql(`
  mutation UpdateMyNewsletter($language: LanguageCode!, $subscribed: Boolean!) {
    updateMyNewsletter(language: $language, allTopics: true, subscribed: $subscribed) { __typename }
  }
`);

export function MyNewsletter({ lang }: { lang: Lang }) {
  const t = dict(lang);
  const { data, loading, refetch } = useQuery(MyNewsletterQuery, { fetchPolicy: "network-only" });
  const [update, { loading: saving }] = useMutation(UpdateMyNewsletterMutation);
  const [error, setError] = useState<string | null>(null);
  const subscription = data?.myNewsletter;
  const subscribed = subscription && subscription.status !== "UNSUBSCRIBED";

  async function change(next: boolean) {
    setError(null);
    try {
      await update({ variables: { language: subscription?.language ?? lang, subscribed: next } });
      await refetch();
    } catch (caught) {
      setError(messageFor(codedError(caught), lang));
    }
  }

  return (
    <section aria-labelledby="my-newsletter">
      <h2 id="my-newsletter">{t.account.newsletterStatus}</h2>
      {loading ? <p role="status">…</p> : null}
      {!loading && subscribed ? (
        <p data-testid="newsletter-status">
          {labelled(subscription.email, t.newsletter.status[subscription.status], lang)}
          {subscription.allTopics || !subscription.topics.length ? "" : ` (${subscription.topics.map((topic) => topic.name).join(", ")})`}
        </p>
      ) : null}
      {!loading && !subscribed ? <p data-testid="newsletter-status">{t.account.notSubscribed}</p> : null}
      <div aria-live="assertive">{error ? <p className="alert" role="alert">{error}</p> : null}</div>
      {!loading ? (
        <button type="button" className="secondary" disabled={saving} onClick={() => void change(!subscribed)}>
          {subscribed ? t.newsletter.unsubscribeButton : t.newsletter.subscribe}
        </button>
      ) : null}
    </section>
  );
}
