import { titled } from "@/lib/meta";
import { notFound } from "next/navigation";
import { ErrorList } from "@/components/cards";
import { Pagination } from "@/components/Filters";
import { Shell } from "@/components/Shell";
import { SearchSuggest } from "@/components/SearchSuggest";
import { ApolloWrapper } from "@/lib/apollo-browser";
import type { SearchType } from "@/gql/graphql";
import { explain } from "@/lib/api-errors";
import { readAsReader } from "@/lib/cms";
import { first } from "@/lib/filters";
import { dict, formatDate, isLang, otherLang } from "@/lib/i18n";
import { pathOf } from "@/lib/paths";
import { SearchQuery } from "@/lib/queries";

const TYPES: SearchType[] = ["pressRelease", "video", "gallery", "photo", "person", "topic"];
type Params = Record<string, string | string[] | undefined>;

export const generateMetadata = titled((t) => t.nav.search);

export default async function SearchPage({ params, searchParams }: { params: Promise<{ lang: string }>; searchParams: Promise<Params> }) {
  const { lang } = await params;
  if (!isLang(lang)) notFound();
  const t = dict(lang);
  const query = await searchParams;
  const q = first(query, "q") ?? "";
  const type = first(query, "type");
  const topic = first(query, "topic");
  const year = first(query, "year");
  const pageText = first(query, "page") ?? "1";
  const errors: string[] = [];
  const page = /^\d{1,4}$/.test(pageText) && Number(pageText) >= 1 ? Number(pageText) : (errors.push(t.errors.badPage), 1);
  if (q.length > 200) errors.push(t.errors.queryTooLong);
  const types = type && (TYPES as string[]).includes(type) ? [type as SearchType] : null;
  const validYear = year && /^\d{4}$/.test(year) ? year : null;
  const result = q && q.length <= 200
    ? await readAsReader(SearchQuery, {
        query: q, locale: lang, page, types, topics: topic ? [topic] : null,
        dateFrom: validYear ? `${validYear}-01-01` : null, dateTo: validYear ? `${validYear}-12-31` : null,
      })
    : null;
  if (result) errors.push(...explain(result.errors, t));
  const search = result?.data?.search;
  const link = (extra: Record<string, string | undefined>) => {
    const merged: Record<string, string | undefined> = { q, type, topic, year, ...extra };
    const text = new URLSearchParams(Object.entries(merged).filter((e): e is [string, string] => !!e[1])).toString();
    return `/${lang}/search/?${text}`;
  };
  return (
    <Shell lang={lang} alternate={`/${otherLang(lang)}/search/${q ? `?q=${encodeURIComponent(q)}` : ""}`}>
      <h1>{t.nav.search}</h1>
      <ApolloWrapper><SearchSuggest lang={lang} initial={q} /></ApolloWrapper>
      <ErrorList errors={[...new Set(errors)]} />
      {search ? (
        <>
          <div className="facets">
            <nav aria-label={t.filters}>
              <h2>{t.filters}</h2>
              <ul>
                <li><a href={link({ type: undefined, page: undefined })} aria-current={!types ? "true" : undefined}>{t.allTypes}</a></li>
                {search.facets.types.map((facet) => (
                  <li key={facet.value}>
                    <a href={link({ type: facet.value, page: undefined })} aria-current={type === facet.value ? "true" : undefined}>
                      {t.types[facet.value as SearchType] ?? facet.value} ({facet.count})
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            {search.facets.topics.length ? (
              <nav aria-label={t.topics}>
                <h2>{t.topics}</h2>
                <ul>{search.facets.topics.map((facet) => <li key={facet.value}><a href={link({ topic: facet.value, page: undefined })}>{facet.label ?? facet.value} ({facet.count})</a></li>)}</ul>
              </nav>
            ) : null}
            {search.facets.years.length ? (
              <nav aria-label={t.years}>
                <h2>{t.years}</h2>
                <ul>{search.facets.years.map((facet) => <li key={facet.value}><a href={link({ year: facet.value, page: undefined })}>{facet.value} ({facet.count})</a></li>)}</ul>
              </nav>
            ) : null}
          </div>
          <p className="meta" role="status">{t.results(search.pagination.total)}</p>
          <ol>
            {search.items.map((hit, index) => {
              const object = hit.object as { slug?: string; date?: string };
              const href = pathOf(hit.url) ?? (hit.type === "person" ? `/${lang}/people/#${object.slug}` : `/${lang}/topics/#${object.slug}`);
              return (
                <li key={`${hit.type}-${index}`}>
                  <a href={href}>{hit.title}</a> <span className="meta">{t.types[hit.type]}{object.date ? ` · ${formatDate(object.date, lang)}` : ""}</span>
                  <p dangerouslySetInnerHTML={{ __html: hit.snippet }} />
                </li>
              );
            })}
          </ol>
          <Pagination lang={lang} current={search.pagination.currentPage} total={search.pagination.totalPages} href={(p) => link({ page: String(p) })} />
        </>
      ) : null}
    </Shell>
  );
}
