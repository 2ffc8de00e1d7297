import { GalleryCards } from "@/components/cards";
import { FilteredList } from "@/components/FilteredList";
import { readAsReader } from "@/lib/cms";
import type { Lang } from "@/lib/i18n";
import { GalleryListQuery } from "@/lib/queries";

type Props = { title: string; introduction?: string | null; lang: Lang; searchParams: Record<string, string | string[] | undefined>; basePath: string };

/** The photo galleries, with the same filters as the newsroom. */
export function GalleryLibrary(props: Props) {
  const { lang } = props;
  return (
    <FilteredList
      {...props}
      load={async (filters) => {
        const { data, errors } = await readAsReader(GalleryListQuery, { locale: lang, ...filters });
        return { page: data?.galleries, errors };
      }}
      cards={(items) => <GalleryCards items={items} lang={lang} />}
    />
  );
}
