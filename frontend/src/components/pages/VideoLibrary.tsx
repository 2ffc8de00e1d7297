import { VideoCards } from "@/components/cards";
import { FilteredList } from "@/components/FilteredList";
import { readAsReader } from "@/lib/cms";
import type { Lang } from "@/lib/i18n";
import { VideoListQuery } from "@/lib/queries";

type Props = { title: string; introduction?: string | null; lang: Lang; searchParams: Record<string, string | string[] | undefined>; basePath: string };

/** The video library, with the same filters as the newsroom. */
export function VideoLibrary(props: Props) {
  const { lang } = props;
  return (
    <FilteredList
      {...props}
      load={async (filters) => {
        const { data, errors } = await readAsReader(VideoListQuery, { locale: lang, ...filters });
        return { page: data?.videos, errors };
      }}
      cards={(items) => <VideoCards items={items} lang={lang} />}
    />
  );
}
