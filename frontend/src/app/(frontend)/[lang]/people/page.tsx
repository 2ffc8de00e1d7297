import { titled } from "@/lib/meta";
import { notFound } from "next/navigation";
import { Shell } from "@/components/Shell";
import { read } from "@/lib/cms";
import { dict, formatDate, isLang, otherLang } from "@/lib/i18n";
import { PeopleQuery } from "@/lib/queries";

export const generateMetadata = titled((t) => t.nav.people);

export default async function PeoplePage({ params }: { params: Promise<{ lang: string }> }) {
  const { lang } = await params;
  if (!isLang(lang)) notFound();
  const t = dict(lang);
  const { data } = await read(PeopleQuery, { locale: lang });
  const base = lang === "fr" ? "salle-de-presse" : "newsroom";
  return (
    <Shell lang={lang} alternate={`/${otherLang(lang)}/people/`}>
      <h1>{t.nav.people}</h1>
      <ul className="cards">
        {(data?.people ?? []).map((person) => (
          <li key={person.id} id={person.slug} className="card">
            {person.portrait ? (
              // eslint-disable-next-line @next/next/no-img-element
              <img src={person.portrait.url} srcSet={person.portrait.srcSet ?? undefined} sizes="320px" alt="" loading="lazy" />
            ) : null}
            <h2>{person.name}</h2>
            {person.positions.length ? (
              <ul>
                {person.positions.map((position) => (
                  <li key={position.id}>
                    {position.title}{position.organisation ? `, ${position.organisation}` : ""}{" "}
                    <span className="meta">
                      ({formatDate(position.startDate, lang)}{position.endDate ? ` – ${formatDate(position.endDate, lang)}` : ` – `})
                    </span>
                  </li>
                ))}
              </ul>
            ) : null}
            <p><a href={`/${lang}/${base}/?person=${person.slug}`}>{t.nav.releases}</a></p>
          </li>
        ))}
      </ul>
    </Shell>
  );
}
