import { graphql } from "@/gql";

// A photo's original (README, "Photos"): signed-in journalists only; the link is
// signed, short-lived and logged.
export const RequestPhotoDownloadMutation = graphql(`
  mutation RequestPhotoDownload($photoId: ID!, $locale: LanguageCode) {
    requestPhotoDownload(photoId: $photoId, locale: $locale) { url filename expiresAt }
  }
`);
