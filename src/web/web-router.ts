import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router, type RequestHandler } from 'express';
import type { Deps } from '../deps.js';
import { AppError, InvalidInputError, NotFoundError, PayloadTooLargeError } from '../errors.js';
import { idParam, parseBody } from '../http/query.js';
import { packageRoot } from '../package-root.js';
import { allPages } from '../services/keyset-page.js';
import { href } from './html.js';
import { matrixView } from './matrix-view.js';
import { certificationPage } from './render/certification-page.js';
import { sortCertifications } from './render/certification-table.js';
import { chipPage, type ChipCheck } from './render/chip-page.js';
import { NotADumpError } from '../errors.js';
import { identifyPage } from './render/identify-page.js';
import { matrixPage } from './render/matrix-page.js';
import { pairPage } from './render/pair-page.js';
import { searchPage, toSearchHit } from './render/search-page.js';
import { identifyForm, parseWebQuery, webQueries } from './web-queries.js';
import { redirectTo, webPage } from './web-page.js';

/** The stylesheet, script and icon: next to this file under tsx, in the package's src/ when running compiled code. */
function assetsDir(): string {
  const here = join(dirname(fileURLToPath(import.meta.url)), 'assets');
  return existsSync(join(here, 'app.css')) ? here : join(packageRoot(), 'src', 'web', 'assets');
}

/** Reads a posted form; a body parser failure is kept for the page to report rather than leaving the page. */
function formBody(): RequestHandler {
  const parse = express.urlencoded({ extended: false, limit: '1100kb' });
  return (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      if (error) res.locals.bodyError = error;
      next();
    });
}

/**
 * The server-rendered web UI: matrix, chip, certification, pair, search and lspci pages. Pages call
 * the services directly; every page also works without JavaScript.
 */
export function webRouter(deps: Deps): Router {
  const r = Router();
  const page = (render: Parameters<typeof webPage>[1], links?: Parameters<typeof webPage>[2]) =>
    webPage(deps, render, links);
  const chipLink = (id: string) => `/chips/${encodeURIComponent(id)}`;

  r.get(
    '/',
    page((req, ctx) => {
      const { lang: _lang, ...filters } = parseWebQuery(req.query, webQueries.matrix);
      return matrixPage(ctx, matrixView(deps, filters), filters);
    }),
  );

  r.get(
    '/chips/:id',
    page(
      (req, ctx) => {
        const query = parseWebQuery(req.query, webQueries.chip);
        const chip = deps.catalog.getChip(idParam(req));
        if (chip.id !== idParam(req)) {
          return redirectTo(
            href(chipLink(chip.id), { model: query.model, precision: query.precision, deployment: query.deployment }),
          );
        }
        const check: ChipCheck = { query, result: null, unknownModel: null };
        if (query.model) {
          try {
            check.result = deps.compatibility.check({
              model: query.model,
              chip: chip.id,
              precision: query.precision,
              deployment: query.deployment,
            });
          } catch (error) {
            if (!(error instanceof NotFoundError)) throw error;
            check.unknownModel = {
              text: query.model,
              suggestions: (error.extra.suggestions as Array<{ id: string; name: string }> | undefined) ?? [],
            };
          }
        }
        const certifications = sortCertifications(allPages((p) => deps.certifications.list({ chip: chip.id }, p)));
        const models = allPages((p) => deps.catalog.listModels({}, p));
        return chipPage(ctx, chip, certifications, models, check);
      },
      () => chipLink,
    ),
  );

  r.get(
    '/certifications',
    page((req, ctx) => {
      const query = parseWebQuery(req.query, webQueries.pair);
      const model = deps.names.resolve('model', query.model);
      const chip = deps.names.resolve('chip', query.chip);
      const items = sortCertifications(allPages((p) => deps.certifications.list({ model, chip }, p)));
      return pairPage(ctx, { model, chip }, items);
    }),
  );

  r.get(
    '/certifications/:id',
    page((req, ctx) => {
      parseWebQuery(req.query, webQueries.plain);
      return certificationPage(ctx, deps.certifications.get(idParam(req)), deps.now());
    }),
  );

  r.get(
    '/identify',
    page((req, ctx) => {
      parseWebQuery(req.query, webQueries.plain);
      return identifyPage(ctx, { text: '', found: null, problem: null });
    }),
  );

  r.post(
    '/identify',
    formBody(),
    page((req, ctx) => {
      parseWebQuery(req.query, webQueries.plain);
      const bodyError = (req.res?.locals.bodyError ?? null) as { type?: string } | null;
      if (bodyError) {
        throw bodyError.type === 'entity.too.large'
          ? new PayloadTooLargeError('The pasted text is larger than 1 MB.')
          : new InvalidInputError('The form could not be read.');
      }
      const { lspci } = parseBody(req.body ?? {}, identifyForm);
      if (!lspci.trim())
        return { status: 400, ...identifyPage(ctx, { text: lspci, found: null, problem: ctx.t('lspciEmpty') }) };
      try {
        return identifyPage(ctx, { text: lspci, found: deps.identify.fromText(lspci), problem: null });
      } catch (error) {
        if (!(error instanceof NotADumpError)) throw error;
        const accepted = (error.extra.accepted as string[]).join('; ');
        return {
          status: 422,
          ...identifyPage(ctx, { text: lspci, found: null, problem: `${error.message} ${accepted}` }),
        };
      }
    }),
  );

  r.get(
    '/search',
    page((req, ctx) => {
      const query = parseWebQuery(req.query, webQueries.search);
      const hits = query.q ? deps.catalog.search(query.q, 50).map((hit) => toSearchHit(deps.catalog, hit)) : [];
      return searchPage(ctx, query.q, hits);
    }),
  );

  r.use('/assets', express.static(assetsDir(), { index: false, maxAge: '1h', fallthrough: true }));
  return r;
}
