import { ErrorList, ReleaseCards } from "@/components/cards";
import { Filters, Pagination } from "@/components/Filters";
import { explain } from "@/lib/api-errors";
import { read, readAsReader } from "@/lib/cms";
import { readListFilters, withParams } from "@/lib/filters";
import { dict, type Lang } from "@/lib/i18n";
import { FilterOptionsQuery, ReleaseListQuery } from "@/lib/queries";

type Props = { title: string; introduction?: string | null; lang: Lang; searchParams: Record<string, string | string[] | undefined>; basePath: string };

/** The newsroom: press releases with filters (topic tree, person, dates) and pages. */
export async function ReleaseList({ title, introduction, lang, searchParams, basePath }: Props) {
  const t = dict(lang);
  const checked = readListFilters(searchParams, t);
  const filters = checked.value;
  const [list, options] = await Promise.all([
    readAsReader(ReleaseListQuery, { locale: lang, ...filters }),
    read(FilterOptionsQuery, { locale: lang }),
  ]);
  const errors = [...(checked.ok ? [] : checked.errors), ...explain(list.errors, t)];
  const result = list.data?.pressReleases;
  const { page: _page, ...rest } = filters;
  return (
    <>
      <h1>{title}</h1>
      {introduction ? <p>{introduction}</p> : null}
      <Filters lang={lang} options={options.data} value={filters} action={basePath} />
      <ErrorList errors={[...new Set(errors)]} />
      {result ? (
        <>
          <p className="meta" role="status">{t.results(result.pagination.total)}</p>
          {result.items.length ? <ReleaseCards items={result.items} lang={lang} /> : <p>{t.noResults}</p>}
          <Pagination lang={lang} current={result.pagination.currentPage} total={result.pagination.totalPages}
            href={(page) => basePath + withParams(rest, { page })} />
        </>
      ) : null}
      <p><a href={`/${lang}/feed.xml${filters.topic ? `?topic=${encodeURIComponent(filters.topic)}` : ""}`}>{t.rss}</a></p>
    </>
  );
}
