import type { FilterOptionsQuery } from "@/gql/graphql";
import { dict, type Lang } from "@/lib/i18n";
import type { ListFilters } from "@/lib/filters";

/** Topic tree, person and dates: a plain GET form, works without JavaScript. */
export function Filters({ lang, options, value, action }: { lang: Lang; options: FilterOptionsQuery | undefined; value: ListFilters; action: string }) {
  const t = dict(lang);
  const topics = options?.topics ?? [];
  const roots = topics.filter((topic) => !topic.parent);
  const childrenOf = (slug: string) => topics.filter((topic) => topic.parent?.slug === slug);
  const ordered: { slug: string; name: string; depth: number }[] = [];
  const walk = (slug: string, name: string, depth: number) => {
    ordered.push({ slug, name, depth });
    for (const child of childrenOf(slug)) walk(child.slug, child.name, depth + 1);
  };
  for (const root of roots) walk(root.slug, root.name, 0);
  return (
    <form className="filters" method="get" action={action} aria-label={t.filters}>
      <div>
        <label htmlFor="filter-topic">{t.topic}</label>
        <select id="filter-topic" name="topic" defaultValue={value.topic ?? ""}>
          <option value="">{t.anyTopic}</option>
          {ordered.map((topic) => (
            <option key={topic.slug} value={topic.slug}>{"\u00a0\u00a0".repeat(topic.depth) + topic.name}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-person">{t.person}</label>
        <select id="filter-person" name="person" defaultValue={value.person ?? ""}>
          <option value="">{t.anyone}</option>
          {(options?.people ?? []).map((person) => <option key={person.slug} value={person.slug}>{person.name}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="filter-from">{t.dateFrom}</label>
        <input id="filter-from" name="dateFrom" type="date" defaultValue={value.dateFrom ?? ""} />
      </div>
      <div>
        <label htmlFor="filter-to">{t.dateTo}</label>
        <input id="filter-to" name="dateTo" type="date" defaultValue={value.dateTo ?? ""} />
      </div>
      <div>
        <button type="submit">{t.apply}</button> <a href={action}>{t.reset}</a>
      </div>
    </form>
  );
}

export function Pagination({ lang, current, total, href }: { lang: Lang; current: number; total: number; href: (page: number) => string }) {
  const t = dict(lang);
  if (total <= 1) return null;
  return (
    <nav className="pagination" aria-label={t.pagination}>
      {current > 1 ? <a href={href(current - 1)} rel="prev">{t.previous}</a> : null}
      <span aria-current="page">{t.page(current, total)}</span>
      {current < total ? <a href={href(current + 1)} rel="next">{t.next}</a> : null}
    </nav>
  );
}
