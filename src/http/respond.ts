import type { Request, Response } from 'express';
import { toCsv, type CsvColumn } from '../format/csv.js';
import { JSON_TYPE, sendAnswer } from './answer-cache.js';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** CSV when asked by `format=csv` or by an Accept header that prefers text/csv over JSON. */
export function wantsCsv(req: Request): boolean {
  if (req.query.format === 'csv') return true;
  if (req.query.format === 'json') return false;
  return req.accepts(['application/json', 'text/csv']) === 'text/csv';
}

function nextLink(req: Request, cursor: string): string {
  const url = new URL(req.originalUrl, 'http://placeholder');
  url.searchParams.set('cursor', cursor);
  return `<${url.pathname}${url.search}>; rel="next"`;
}

/** A list: `{items, nextCursor, ...extra}` or its CSV twin, with `Link: rel="next"` when there is more. */
export function sendList<T>(
  req: Request,
  res: Response,
  page: Page<T>,
  columns: readonly CsvColumn<T>[],
  name: string,
): void {
  const link: Array<[string, string]> = page.nextCursor ? [['Link', nextLink(req, page.nextCursor)]] : [];
  if (wantsCsv(req)) {
    sendAnswer(req, res, toCsv(page.items, columns), 'text/csv; charset=utf-8', [
      ...link,
      ['Content-Disposition', `attachment; filename="${name}.csv"`],
    ]);
    return;
  }
  sendAnswer(req, res, JSON.stringify(page), JSON_TYPE, link);
}

/**
 * A JSON list whose items are already JSON texts: `{"items":[...], ...rest}` built as text (the bytes
 * `res.json` would send for the parsed items), with `Link: rel="next"` when there is more.
 */
export function sendJsonTextList<P extends Page<string>>(req: Request, res: Response, page: P): void {
  const { items, ...rest } = page;
  const link: Array<[string, string]> = page.nextCursor ? [['Link', nextLink(req, page.nextCursor)]] : [];
  sendAnswer(req, res, `{"items":[${items.join(',')}],${JSON.stringify(rest).slice(1)}`, JSON_TYPE, link);
}
