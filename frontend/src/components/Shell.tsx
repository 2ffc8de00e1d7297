import Link from "next/link";
import type { ReactNode } from "react";
import { AccountMenu } from "@/components/account/AccountMenu";
import { dict, otherLang, type Lang } from "@/lib/i18n";

/**
 * The frame of every page: header (navigation, search, the language switch to
 * `alternate`: the same item's translation, else the section in the other language),
 * the page, the footer. A server component; only the account menu is a client one.
 */
export function Shell({ lang, alternate, children }: { lang: Lang; alternate: string; children: ReactNode }) {
  const t = dict(lang);
  const other = otherLang(lang);
  return (
    <>
      <a className="skip" href="#main">{t.skip}</a>
      <header className="site-header">
        <div className="bar">
          <Link className="brand" href={`/${lang}/`}>{t.siteName}</Link>
          <nav className="site-nav" aria-label={t.siteName}>
            <ul>
              <li><Link href={`/${lang}/${lang === "fr" ? "salle-de-presse" : "newsroom"}/`}>{t.nav.releases}</Link></li>
              <li><Link href={`/${lang}/videos/`}>{t.nav.videos}</Link></li>
              <li><Link href={`/${lang}/photos/`}>{t.nav.photos}</Link></li>
              <li><Link href={`/${lang}/people/`}>{t.nav.people}</Link></li>
              <li><Link href={`/${lang}/topics/`}>{t.nav.topics}</Link></li>
              <li><Link href={`/${lang}/newsletter/`}>{t.nav.newsletter}</Link></li>
            </ul>
          </nav>
          <div className="tools">
            <form role="search" action={`/${lang}/search/`} method="get">
              <label className="visually-hidden" htmlFor="site-search">{t.searchLabel}</label>
              <input id="site-search" name="q" type="search" placeholder={t.nav.search} />{" "}
              <button type="submit">{t.searchButton}</button>
            </form>
            <a href={alternate} hrefLang={other} lang={other} data-testid="language-switch">{t.switchTo}</a>
            <AccountMenu />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
      <footer className="site-footer">
        <p>{t.tagline}</p>
        <p><a href={`/${lang}/feed.xml`}>{t.rss}</a></p>
      </footer>
    </>
  );
}
