import { graphql } from "@/gql";

export const RequestVideoDownloadMutation = graphql(`
  mutation RequestVideoDownload($input: VideoDownloadInput!) {
    requestVideoDownload(input: $input) {
      url expiresAt filename rendition start end sizeBytes precision startTimecode endTimecode frames frameRate
    }
  }
`);
