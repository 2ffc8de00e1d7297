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
