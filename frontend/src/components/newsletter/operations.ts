import { graphql } from "@/gql";

export const SubscribeMutation = graphql(`
  mutation SubscribeNewsletter($email: String!, $language: LanguageCode!, $topics: [String!]) {
    subscribeNewsletter(email: $email, language: $language, topics: $topics) { ok }
  }
`);

export const ConfirmMutation = graphql(`
  mutation ConfirmSubscription($token: String!) {
    confirmSubscription(token: $token) { subscription { email language status topics { slug name } } }
  }
`);

export const UnsubscribeMutation = graphql(`
  mutation Unsubscribe($token: String!) { unsubscribe(token: $token) { ok } }
`);

export const PreferencesQuery = graphql(`
  query NewsletterPreferences($token: String!) {
    newsletterPreferences(token: $token) { email language status allTopics topics { slug } }
  }
`);

export const UpdatePreferencesMutation = graphql(`
  mutation UpdateNewsletterPreferences($token: String!, $language: LanguageCode!, $topics: [String!], $allTopics: Boolean!) {
    updateNewsletterPreferences(token: $token, language: $language, topics: $topics, allTopics: $allTopics) {
      subscription { email language status allTopics topics { slug } }
    }
  }
`);
