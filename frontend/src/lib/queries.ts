// Every read of the portal, as named operations: graphql-codegen types each one
// (src/gql/), Apollo sends each as a persisted query over GET.
import { graphql } from "@/gql";

export const ReleaseCardFields = graphql(`
  fragment ReleaseCard on PressReleasePage {
    id
    title
    embargoedUntil
    embargoTimeZone
    date
    location
    summary
    url
    heroImage { id url width height srcSet(sizes: [320, 640], format: "webp") }
    topics { id name slug }
  }
`);

export const VideoCardFields = graphql(`
  fragment VideoCard on VideoPage {
    id
    title
    embargoedUntil
    embargoTimeZone
    date
    duration
    url
    poster { id url srcSet(sizes: [320, 640], format: "webp") }
  }
`);

export const GalleryCardFields = graphql(`
  fragment GalleryCard on GalleryPage {
    id
    title
    embargoedUntil
    embargoTimeZone
    date
    place
    summary
    url
  }
`);

export const HomeQuery = graphql(`
  query Home($locale: LanguageCode!) {
    pressReleases(locale: $locale, perPage: 6) { items { ...ReleaseCard } }
    videos(locale: $locale, perPage: 4) { items { ...VideoCard } }
  }
`);

export const SectionsQuery = graphql(`
  query Sections($home: String!) {
    page(urlPath: $home) {
      id
      children(limit: 20) { __typename id title url urlPath }
    }
  }
`);

export const ReleaseListQuery = graphql(`
  query ReleaseList($locale: LanguageCode!, $topic: String, $person: String, $dateFrom: Date, $dateTo: Date, $page: Int!) {
    pressReleases(locale: $locale, topic: $topic, person: $person, dateFrom: $dateFrom, dateTo: $dateTo, page: $page, perPage: 10) {
      items { ...ReleaseCard }
      pagination { total totalPages currentPage perPage }
    }
  }
`);

export const FilterOptionsQuery = graphql(`
  query FilterOptions($locale: LanguageCode!) {
    topics(locale: $locale) { id name slug parent { id slug } }
    people(locale: $locale) { id name slug }
  }
`);

export const VideoListQuery = graphql(`
  query VideoList($locale: LanguageCode!, $topic: String, $person: String, $dateFrom: Date, $dateTo: Date, $page: Int!) {
    videos(locale: $locale, topic: $topic, person: $person, dateFrom: $dateFrom, dateTo: $dateTo, page: $page, perPage: 12) {
      items { ...VideoCard }
      pagination { total totalPages currentPage perPage }
    }
  }
`);

export const ReleaseFields = graphql(`
  fragment Release on PressReleasePage {
    id
    title
    embargoedUntil
    embargoTimeZone
    date
    location
    summary
    locale
    url
    heroImage { id url width height title srcSet(sizes: [640, 960, 1280], format: "webp") }
    body {
      __typename
      id
      ... on RichTextBlock { value }
      ... on QuoteBlock { text speaker { id name slug } }
      ... on KeyFigureBlock { figure description }
      ... on CaptionedImageBlock { caption credit image { id url title width height srcSet(sizes: [640, 960], format: "webp") } }
    }
    people { id role position { id title organisation } person { id name slug } }
    topics { id name slug }
    related { __typename id title url }
    translations { id locale title url }
    parent { id ... on NewsroomIndexPage { translations { id locale url } } }
  }
`);

export const VideoFields = graphql(`
  fragment Video on VideoPage {
    id
    title
    embargoedUntil
    embargoTimeZone
    date
    location
    videoSummary: summary
    locale
    url
    duration
    durationTimecode
    status
    usageTerms
    credit
    restrictions
    transcript
    poster { id url width height }
    preview { hlsUrl thumbnailsVttUrl }
    renditions { id name kind label width height mimeType sizeBytes }
    shotlist { id start end startTimecode endTimecode description }
    soundbites { id start end startTimecode endTimecode language text speaker { id name slug } }
    subtitles { id locale url }
    people { id role person { id name slug } }
    topics { id name slug }
    related { __typename id title url }
    translations { id locale title url }
    parent { id ... on VideoIndexPage { translations { id locale url } } }
  }
`);

export const GalleryListQuery = graphql(`
  query GalleryList($locale: LanguageCode!, $topic: String, $person: String, $dateFrom: Date, $dateTo: Date, $page: Int!) {
    galleries(locale: $locale, topic: $topic, person: $person, dateFrom: $dateFrom, dateTo: $dateTo, page: $page, perPage: 12) {
      items { ...GalleryCard }
      pagination { total totalPages currentPage perPage }
    }
  }
`);

export const GalleryFields = graphql(`
  fragment Gallery on GalleryPage {
    id
    title
    embargoedUntil
    embargoTimeZone
    date
    place
    gallerySummary: summary
    locale
    url
    photos { id caption credit usageTerms restrictions dateTaken place width height alt image { id url } srcSet(format: WEBP) }
    people { id role person { id name slug } }
    topics { id name slug }
    relatedVideos { __typename id title url }
    translations { id locale title url }
    parent { id ... on GalleryIndexPage { translations { id locale url } } }
  }
`);

export const PageByPathQuery = graphql(`
  query PageByPath($urlPath: String!) {
    page(urlPath: $urlPath) {
      __typename
      id
      title
      urlPath
      ... on PressReleasePage { ...Release }
      ... on VideoPage { ...Video }
      ... on GalleryPage { ...Gallery }
      ... on NewsroomIndexPage { locale introduction translations { id locale url } }
      ... on VideoIndexPage { locale introduction translations { id locale url } }
      ... on GalleryIndexPage { locale introduction translations { id locale url } }
    }
  }
`);

export const PreviewQuery = graphql(`
  query Preview($token: String!) {
    page(token: $token) {
      __typename
      id
      title
      ... on PressReleasePage { ...Release }
      ... on VideoPage { ...Video }
      ... on GalleryPage { ...Gallery }
    }
  }
`);

export const PeopleQuery = graphql(`
  query People($locale: LanguageCode!) {
    people(locale: $locale) {
      id name slug biography
      portrait { id url srcSet(sizes: [320], format: "webp") }
      positions { id title organisation startDate endDate }
    }
  }
`);

export const TopicsQuery = graphql(`
  query Topics($locale: LanguageCode!) {
    topics(locale: $locale) { id name slug description parent { id slug } }
  }
`);

export const SearchQuery = graphql(`
  query Search($query: String!, $locale: LanguageCode!, $types: [SearchType!], $topics: [String!], $dateFrom: Date, $dateTo: Date, $page: Int!) {
    search(query: $query, locale: $locale, types: $types, topics: $topics, dateFrom: $dateFrom, dateTo: $dateTo, page: $page, perPage: 10) {
      items {
        type title snippet url
        object {
          __typename
          ... on PressReleasePage { id date }
          ... on VideoPage { id date }
          ... on Person { id slug }
          ... on Topic { id slug }
        }
      }
      pagination { total totalPages currentPage perPage }
      facets { types { value count } topics { value label count } years { value count } }
    }
  }
`);


export const FeedQuery = graphql(`
  query Feed($locale: LanguageCode!, $topic: String) {
    pressReleases(locale: $locale, topic: $topic, perPage: 30) {
      items { id title summary date url }
    }
  }
`);

export const SitemapQuery = graphql(`
  query Sitemap($offset: PositiveInt!) {
    pages(limit: 100, offset: $offset) {
      __typename id url lastPublishedAt
      ... on PressReleasePage { translations { id locale url } }
      ... on VideoPage { translations { id locale url } }
      ... on NewsroomIndexPage { translations { id locale url } }
      ... on VideoIndexPage { translations { id locale url } }
    }
  }
`);
