import { graphql } from "@/gql";

// The clip-job contract (README, "Videos"): requestVideoDownload answers a job at
// once; a whole rendition is READY with its link, a clip is cut by the worker and
// followed with videoDownloadJob(id) until READY or FAILED.
export const DownloadJobFields = graphql(`
  fragment DownloadJob on VideoDownloadJob {
    id
    status
    progress
    estimatedSeconds
    errorCode
    errorMessage
    download { url expiresAt filename rendition start end sizeBytes precision startTimecode endTimecode frames frameRate }
  }
`);

export const RequestVideoDownloadMutation = graphql(`
  mutation RequestVideoDownload($input: VideoDownloadInput!) {
    requestVideoDownload(input: $input) { ...DownloadJob }
  }
`);

export const VideoDownloadJobQuery = graphql(`
  query VideoDownloadJob($id: ID!) {
    videoDownloadJob(id: $id) { ...DownloadJob }
  }
`);
