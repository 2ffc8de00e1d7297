"use client";
// The search box with suggestions as the journalist types (searchSuggest), a
// combobox that still submits as a plain GET form.
import { useApolloClient } from "@apollo/client/react";
import { useEffect, useId, useState } from "react";
import { graphql } from "@/gql";
import { dict, type Lang } from "@/lib/i18n";

const SuggestBoxQuery = graphql(`
  query SuggestBox($prefix: String!, $locale: LanguageCode!) {
    searchSuggest(prefix: $prefix, locale: $locale, limit: 8) { text type slug url }
  }
`);

export function SearchSuggest({ lang, initial }: { lang: Lang; initial: string }) {
  const t = dict(lang);
  const client = useApolloClient();
  const listId = useId();
  const [value, setValue] = useState(initial);
  const [suggestions, setSuggestions] = useState<{ text: string; type: string }[]>([]);

  useEffect(() => {
    const prefix = value.trim();
    if (prefix.length < 2 || prefix === initial) {
      setSuggestions([]);
      return;
    }
    const timer = setTimeout(() => {
      client
        .query({ query: SuggestBoxQuery, variables: { prefix, locale: lang }, fetchPolicy: "cache-first", errorPolicy: "all" })
        .then(({ data }) => setSuggestions(data?.searchSuggest ?? []))
        .catch(() => setSuggestions([]));
    }, 200);
    return () => clearTimeout(timer);
  }, [value, initial, lang, client]);

  return (
    <form action={`/${lang}/search/`} method="get" role="search">
      <label htmlFor="search-q">{t.searchLabel}</label>
      <input id="search-q" name="q" type="search" value={value} maxLength={200} list={listId}
        autoComplete="off" onChange={(e) => setValue(e.target.value)} />{" "}
      <button type="submit">{t.searchButton}</button>
      <datalist id={listId} aria-label={t.suggestions}>
        {suggestions.map((item) => <option key={`${item.type}-${item.text}`} value={item.text} />)}
      </datalist>
    </form>
  );
}
