import { dict, type Dictionary } from "./i18n";

// The filters of a list page, read from its query string and checked before the
// API is asked, so bad input gets a message in the page's language.

export type ListFilters = {
  topic?: string;
  person?: string;
  dateFrom?: string;
  dateTo?: string;
  page: number;
};

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: string[]; value: T };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SLUG = /^[-a-zA-Z0-9_]{1,255}$/;

function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

type Params = Record<string, string | string[] | undefined>;

export function first(params: Params, name: string): string | undefined {
  const value = params[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === "" ? undefined : text.trim();
}

export function readListFilters(params: Params, t: Dictionary): Checked<ListFilters> {
  const errors: string[] = [];
  const value: ListFilters = { page: 1 };
  const topic = first(params, "topic");
  const person = first(params, "person");
  if (topic) {
    if (SLUG.test(topic)) value.topic = topic;
    else errors.push(t.errors.unknownTopic);
  }
  if (person) {
    if (SLUG.test(person)) value.person = person;
    else errors.push(t.errors.unknownPerson);
  }
  for (const name of ["dateFrom", "dateTo"] as const) {
    const date = first(params, name);
    if (!date) continue;
    if (isDate(date)) value[name] = date;
    else if (!errors.includes(t.errors.badDate)) errors.push(t.errors.badDate);
  }
  if (value.dateFrom && value.dateTo && value.dateFrom > value.dateTo) {
    errors.push(t.errors.badRange);
    delete value.dateTo;
  }
  const page = first(params, "page");
  if (page) {
    if (/^\d{1,6}$/.test(page) && Number(page) >= 1) value.page = Number(page);
    else errors.push(t.errors.badPage);
  }
  return errors.length ? { ok: false, errors, value } : { ok: true, value };
}

/** The query string of a list page with one value changed (pagination links). */
export function withParams(filters: Omit<ListFilters, "page"> & { page?: number }, extra: Record<string, string | number | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [key, val] of Object.entries({ ...filters, ...extra })) {
    if (val !== undefined && val !== "" && !(key === "page" && val === 1)) query.set(key, String(val));
  }
  const text = query.toString();
  return text ? `?${text}` : "";
}

/**
 * The filters of a list page's query string, for the language switch: the same
 * list in the other language, filtered alike (topics and people keep their slugs
 * in every language). The page number is left out (the lists need not be as
 * long), and so is a value the list would refuse.
 */
export function filtersForSwitch(params: Params): string {
  const { page: _page, ...filters } = readListFilters(params, dict("en")).value;
  return withParams(filters);
}
