// Stock Apollo Client 4 against the running CMS: two languages and two videos in one
// normalised cache, read back unchanged; no cache key stands for two things.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";

import { gql } from "@apollo/client";

import {
  SERVERS,
  firstDifference,
  keyClashes,
  makeClient,
  networkAnswer,
  localeType,
  possibleTypes,
} from "./helpers.js";

// Content of tests/clients/site.py: a release translated through wagtail-localize,
// the demo's seed release (written in both languages) and two videos.
const TRANSLATED = "allies-agree-on-cyber-defence";
const SEED = { en: "secretary-general-meets-vjosa-osmani", fr: "le-secretaire-general-recoit-vjosa-osmani" };
const VIDEOS = ["secretary-general-meets-vjosa-osmani-video", "press-point-on-cyber-defence"];

const release = (Locale) => gql`
  query Release($slug: String!, $locale: ${Locale}) {
    pressRelease(slug: $slug, locale: $locale) {
      id title locale date
      translations { id locale slug title }
      people { role person { id name slug } }
      topics { id name slug }
      body {
        id
        ... on RichTextBlock { value }
        ... on QuoteBlock { text speaker { id name } }
        ... on KeyFigureBlock { figure description }
      }
    }
  }
`;

const video = (Locale) => gql`
  query Video($slug: String!, $locale: ${Locale}) {
    video(slug: $slug, locale: $locale) {
      id title duration
      renditions { id label width height sizeBytes duration }
      shotlist { id start end description }
      soundbites { id start end text speaker { id name } }
    }
  }
`;

for (const { mode, url } of SERVERS) {
  describe(`Apollo Client 4, one cache (${mode})`, () => {
    let types, Locale, RELEASE, VIDEO;
    before(async () => {
      types = await possibleTypes(url);
      Locale = await localeType(url); // String, or the LanguageCode enum
      RELEASE = release(Locale);
      VIDEO = video(Locale);
    });

    test("a release in English and French and two videos in one cache read back unchanged", async () => {
      // Without the persisted-query link: the subject is the cache (APQ has its test).
      const client = makeClient({ url, types, persisted: false });
      const english = await client.query({ query: RELEASE, variables: { slug: TRANSLATED, locale: "en" } });
      const frenchSlug = english.data.pressRelease.translations.find((t) => t.locale === "fr").slug;
      const loads = [
        [RELEASE, { slug: TRANSLATED, locale: "en" }],
        [RELEASE, { slug: frenchSlug, locale: "fr" }],
        [RELEASE, { slug: SEED.en, locale: "en" }],
        [RELEASE, { slug: SEED.fr, locale: "fr" }],
        [VIDEO, { slug: VIDEOS[0], locale: "en" }],
        [VIDEO, { slug: VIDEOS[1], locale: "en" }],
      ];
      for (const [query, variables] of loads) {
        const { data } = await client.query({ query, variables, fetchPolicy: "network-only" });
        assert.ok(Object.values(data)[0], `${JSON.stringify(variables)} exists`);
      }
      const differences = [];
      for (const [query, variables] of loads) {
        const name = query.definitions[0].name.value;
        const fromNetwork = networkAnswer(client, name, variables);
        const fromCache = client.cache.readQuery({ query, variables });
        const difference = firstDifference(fromCache, fromNetwork);
        if (difference) differences.push(`${name} ${JSON.stringify(variables)}: ${difference}`);
      }
      // "cache vs network" for each query read back otherwise than it was answered.
      assert.deepEqual(differences, []);
    });

    test("no cache key stands for two things across languages, videos and lists", async () => {
      const client = makeClient({ url, types, persisted: false });
      const lists = gql`
        query Lists($locale: ${Locale}) {
          pressReleases(locale: $locale, perPage: 20) {
            items {
              id title
              body { id ... on RichTextBlock { value } ... on QuoteBlock { text } ... on KeyFigureBlock { figure description } }
              people { role person { id name } }
            }
          }
          videos(locale: $locale) {
            items { id title renditions { id width sizeBytes duration } shotlist { id description } soundbites { id text } }
          }
          people(locale: $locale) { id name slug positions { title organisation } }
          topics(locale: $locale) { id name slug }
        }
      `;
      for (const locale of ["en", "fr"]) {
        await client.query({ query: lists, variables: { locale }, fetchPolicy: "network-only" });
      }
      const answers = client.answers.filter((a) => a.result.data).map((a) => a.result.data);
      const clashes = keyClashes(answers);
      assert.deepEqual(clashes, []);
    });
  });
}
