import type { Request } from 'express';
import type { CatalogService } from '../services/catalog-service.js';
import { catalogNames, type CatalogNames } from './catalog-names.js';
import { translator, type Lang, type Translate } from './i18n.js';

/** What every renderer needs: the language, its labels, catalog names and where the page is. */
export interface PageContext {
  lang: Lang;
  t: Translate;
  names: CatalogNames;
  /** The path of the page (for the navigation's current item). */
  path: string;
  /** `http://host:port` as the browser reached this server, for links copied elsewhere (badge markdown). */
  origin: string;
  /** This page's URL in the other language. */
  switchHref: (lang: Lang) => string;
}

export function pageContext(req: Request, lang: Lang, catalog: CatalogService): PageContext {
  const url = new URL(req.originalUrl, 'http://localhost');
  return {
    lang,
    t: translator(lang),
    names: catalogNames(catalog),
    path: url.pathname,
    origin: `${req.protocol}://${req.get('host') ?? 'localhost'}`,
    switchHref: (to) => {
      const params = new URLSearchParams(url.search);
      params.set('lang', to);
      return `${url.pathname}?${params.toString()}`;
    },
  };
}
