// What a TypeScript frontend writes with the generated types: typed operations,
// run through Apollo Client 4. `tsc --noEmit` checks it (test/codegen.test.js).
import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client";

import { graphql } from "../generated/gql";

export const ReleaseCard = graphql(`
  query ReleaseCard($slug: String!) {
    pressRelease(slug: $slug) {
      id
      title
      date
      translations { locale url }
      body { __typename ... on RichTextBlock { value } }
    }
  }
`);

export const VideoPlayer = graphql(`
  query VideoPlayer($slug: String!) {
    video(slug: $slug) {
      id
      duration
      renditions { id label width height mimeType }
      shotlist { id start end startTimecode description }
    }
  }
`);

export async function headline(client: ApolloClient, slug: string): Promise<string> {
  const { data } = await client.query({ query: ReleaseCard, variables: { slug } });
  const release = data?.pressRelease;
  if (!release) return "";
  const published: Date = new Date(release.date); // DateTime travels as a string
  const languages: string[] = (release.translations ?? []).flatMap((t) => (t ? [t.locale] : []));
  return `${release.title} (${published.getUTCFullYear()}, ${languages.join("/")})`;
}

export async function widths(client: ApolloClient, slug: string): Promise<number[]> {
  const { data } = await client.query({ query: VideoPlayer, variables: { slug } });
  // width is null for an AUDIO rendition (no picture).
  return (data?.video?.renditions ?? []).flatMap((r) => (r?.width != null ? [r.width] : []));
}

export const client = new ApolloClient({
  link: new HttpLink({ uri: "http://127.0.0.1:8000/graphql/" }),
  cache: new InMemoryCache(),
});
