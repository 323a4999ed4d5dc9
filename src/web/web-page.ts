import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { toProblem } from '../http/problem-details.js';
import type { CatalogService } from '../services/catalog-service.js';
import { html, type SafeHtml } from './html.js';
import { resolveLang, type Lang } from './i18n.js';
import { pageContext, type PageContext } from './page-context.js';
import { errorPage } from './render/error-page.js';
import { layout } from './render/layout.js';
import { redactUrl } from '../http/redact-url.js';
import { fromDatabase, RETRY_AFTER_SECONDS } from '../http/error-middleware.js';
import type { DatabaseFailure } from '../db/database-failure.js';

export interface RenderedPage {
  title: string;
  body: SafeHtml;
  status?: number;
  searchText?: string;
  /** Send the browser here instead (an alias in the URL goes to the canonical page). */
  redirect?: string;
  /** 301 unless given: 303 for a form answered by another page. */
  redirectStatus?: 301 | 303;
  /** Send this CSV instead of a page (the CSV twin of a table). */
  csv?: string;
}

/** A page that sends the browser elsewhere. */
export const redirectTo = (url: string, status: 301 | 303 = 301): RenderedPage => ({
  title: '',
  body: html``,
  redirect: url,
  redirectStatus: status,
});

export type PageRenderer = (req: Request, ctx: PageContext) => RenderedPage;

/** Where the id in a "did you mean" suggestion leads, by the page that failed. */
export type SuggestionLinks = (req: Request) => ((id: string, kind?: string) => string) | undefined;

/**
 * Wraps a page renderer: picks the language, renders inside the layout and turns any error into a
 * friendly HTML page with the status the API would use (400 bad query, 404 unknown id); an unexpected
 * error is logged and shown as a plain 500 page without details.
 */
export function webPage(
  deps: { catalog: CatalogService; log: Logger; health: { noteFailure(kind: DatabaseFailure): void } },
  render: PageRenderer,
  suggestionLinks?: SuggestionLinks,
): RequestHandler {
  return (req: Request, res: Response) => {
    const asked = (req.query as Record<string, unknown>).lang;
    const lang = resolveLang(req, res, asked === 'en' || asked === 'zh' ? (asked as Lang) : undefined);
    const ctx = pageContext(req, lang, deps.catalog);
    let page: RenderedPage;
    try {
      page = render(req, ctx);
    } catch (error) {
      const problem = toProblem(fromDatabase(error, deps.health.noteFailure), req.path);
      if (problem.status === 503) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
      if (problem.status >= 500) deps.log.error({ err: error, url: redactUrl(req.originalUrl) }, 'page failed');
      const suggestions =
        error instanceof AppError
          ? ((error.extra.suggestions as Array<{ id: string; name: string; kind?: string }> | undefined) ?? [])
          : [];
      page = {
        status: problem.status,
        ...errorPage(ctx, {
          status: problem.status,
          detail: problem.detail,
          problems: problem.errors ?? [],
          suggestions,
          suggestionHref: suggestionLinks?.(req),
        }),
      };
    }
    if (page.redirect) return res.redirect(page.redirectStatus ?? 301, page.redirect);
    if (page.csv !== undefined)
      return void res
        .status(200)
        .type('text/csv; charset=utf-8')
        .set('Cache-Control', 'private, no-cache')
        .send(page.csv);
    res
      .status(page.status ?? 200)
      .type('html')
      .set('Cache-Control', 'private, no-cache')
      .send(layout(ctx, { title: page.title, body: page.body, searchText: page.searchText }).value);
  };
}
