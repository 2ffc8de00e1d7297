import type { ReactNode } from "react";
import { ErrorList } from "@/components/cards";
import { Filters, Pagination } from "@/components/Filters";
import { explain } from "@/lib/api-errors";
import { read, type ApiError } from "@/lib/cms";
import { readListFilters, withParams, type ListFilters } from "@/lib/filters";
import { dict, type Lang } from "@/lib/i18n";
import { FilterOptionsQuery } from "@/lib/queries";

type Page<T> = {
  items: T[];
  pagination: { total: number; totalPages: number; currentPage: number };
};

type Props<T> = {
  title: string;
  introduction?: string | null;
  lang: Lang;
  searchParams: Record<string, string | string[] | undefined>;
  basePath: string;
  /** One page of the list for these filters (checked already). */
  load: (filters: ListFilters) => Promise<{ page: Page<T> | null | undefined; errors: ApiError[] }>;
  cards: (items: T[]) => ReactNode;
  /** Under the list (the newsroom's RSS link, for the chosen topic). */
  footer?: (filters: ListFilters) => ReactNode;
};

/**
 * A list with the filter form (topic tree, person, dates: a plain GET form that
 * works without JavaScript), the errors of bad filters in the page's language,
 * the count, the cards and the pager. The newsroom and the video library are
 * both this, with their own query and cards.
 */
export async function FilteredList<T>({ title, introduction, lang, searchParams, basePath, load, cards, footer }: Props<T>) {
  const t = dict(lang);
  const checked = readListFilters(searchParams, t);
  const filters = checked.value;
  const [list, options] = await Promise.all([load(filters), read(FilterOptionsQuery, { locale: lang })]);
  const errors = [...(checked.ok ? [] : checked.errors), ...explain(list.errors, t)];
  const result = list.page;
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
          {result.items.length ? cards(result.items) : <p>{t.noResults}</p>}
          <Pagination lang={lang} current={result.pagination.currentPage} total={result.pagination.totalPages}
            href={(page) => basePath + withParams(rest, { page })} />
        </>
      ) : null}
      {footer ? footer(filters) : null}
    </>
  );
}
