import { ReleaseCards } from "@/components/cards";
import { FilteredList } from "@/components/FilteredList";
import { readAsReader } from "@/lib/cms";
import { dict, type Lang } from "@/lib/i18n";
import { ReleaseListQuery } from "@/lib/queries";

type Props = { title: string; introduction?: string | null; lang: Lang; searchParams: Record<string, string | string[] | undefined>; basePath: string };

/** The newsroom: press releases with filters (topic tree, person, dates) and pages. */
export function ReleaseList(props: Props) {
  const { lang } = props;
  return (
    <FilteredList
      {...props}
      load={async (filters) => {
        const { data, errors } = await readAsReader(ReleaseListQuery, { locale: lang, ...filters });
        return { page: data?.pressReleases, errors };
      }}
      cards={(items) => <ReleaseCards items={items} lang={lang} />}
      footer={(filters) => (
        <p><a href={`/${lang}/feed.xml${filters.topic ? `?topic=${encodeURIComponent(filters.topic)}` : ""}`}>{dict(lang).rss}</a></p>
      )}
    />
  );
}
