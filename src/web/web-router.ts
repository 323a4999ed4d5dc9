import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router, type Express, type RequestHandler } from 'express';
import type { Deps } from '../deps.js';
import { AppError, InvalidInputError, NotFoundError, PayloadTooLargeError } from '../errors.js';
import { allowedMethods } from '../http/allowed-methods.js';
import { idParam, parseBody } from '../http/query.js';
import { packageRoot } from '../package-root.js';
import { allPages } from '../services/keyset-page.js';
import { href, html } from './html.js';
import { matrixView } from './matrix-view.js';
import { certificationPage } from './render/certification-page.js';
import { sortCertifications } from './render/certification-table.js';
import { chipPage, type ChipCheck } from './render/chip-page.js';
import { NotADumpError } from '../errors.js';
import { identifyPage } from './render/identify-page.js';
import { matrixPage } from './render/matrix-page.js';
import { modelPage } from './render/model-page.js';
import { pairHref, pairPage } from './render/pair-page.js';
import { resultsPage } from './render/results-page.js';
import { keysPage } from './render/keys-page.js';
import { revocationsPage } from './render/revocations-page.js';
import { vendorPage } from './render/vendor-page.js';
import { pairView } from './pair-view.js';
import { RESULT_COLUMNS, resultsView } from './results-view.js';
import { toCsv } from '../format/csv.js';
import { searchPage, toSearchHit } from './render/search-page.js';
import { identifyForm, parseWebQuery, webQueries } from './web-queries.js';
import { redirectTo, webPage } from './web-page.js';

/** The stylesheet, script and icon: next to this file under tsx, in the package's src/ when running compiled code. */
function assetsDir(): string {
  const here = join(dirname(fileURLToPath(import.meta.url)), 'assets');
  return existsSync(join(here, 'app.css')) ? here : join(packageRoot(), 'src', 'web', 'assets');
}

/** The page of a catalog record by kind (a system has no page of its own: search finds it). */
export const recordHref = (id: string, kind?: string): string =>
  kind === 'chip' || kind === 'model' || kind === 'vendor'
    ? `/${kind}s/${encodeURIComponent(id)}`
    : `/search?q=${encodeURIComponent(id)}`;

/** The last segment of a path, decoded when it can be, as the text to suggest pages from. */
function lastSegment(path: string): string {
  const segment = path.split('/').filter(Boolean).pop() ?? '';
  try {
    return decodeURIComponent(segment).slice(0, 200);
  } catch {
    return segment.slice(0, 200);
  }
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
      const byName = <T extends { nameEn: string }>(list: T[]) =>
        [...list].sort((a, b) => a.nameEn.localeCompare(b.nameEn, 'en', { numeric: true }));
      return matrixPage(ctx, matrixView(deps, filters), filters, {
        models: byName(allPages((p) => deps.catalog.listModels({}, p))),
        chips: byName(allPages((p) => deps.catalog.listChips({}, p))),
      });
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
    page((req) => {
      // The old pair list: the model × chip answer page replaces it.
      const query = parseWebQuery(req.query, webQueries.pair);
      return redirectTo(pairHref(deps.names.resolve('model', query.model), deps.names.resolve('chip', query.chip)));
    }),
  );

  r.get(
    '/answer',
    page(
      (req) => {
        const { lang: _lang, model, chip, ...rest } = parseWebQuery(req.query, webQueries.answer);
        return redirectTo(pairHref(deps.names.resolve('model', model), deps.names.resolve('chip', chip), rest), 303);
      },
      (req) => ((req.query as Record<string, unknown>).model ? undefined : chipLink),
    ),
  );

  r.get(
    '/models/:model/chips/:chip',
    page(
      (req, ctx) => {
        const { lang: _lang, ...query } = parseWebQuery(req.query, webQueries.pairPage);
        const asked = { model: String(req.params.model), chip: String(req.params.chip) };
        const model = deps.names.resolve('model', asked.model);
        const chip = deps.names.resolve('chip', asked.chip);
        if (model !== asked.model || chip !== asked.chip) return redirectTo(pairHref(model, chip, query));
        return pairPage(ctx, pairView(deps, model, chip, query));
      },
      () => (id) => `/search?q=${encodeURIComponent(id)}`,
    ),
  );

  r.get(
    '/models/:id',
    page(
      (req, ctx) => {
        parseWebQuery(req.query, webQueries.plain);
        const model = deps.catalog.getModel(idParam(req));
        if (model.id !== idParam(req)) return redirectTo(`/models/${encodeURIComponent(model.id)}`);
        const certifications = allPages((p) => deps.certifications.list({ model: model.id }, p));
        return modelPage(ctx, model, certifications, ctx.names.chip);
      },
      () => (id) => `/models/${encodeURIComponent(id)}`,
    ),
  );

  r.get(
    '/vendors/:id',
    page(
      (req, ctx) => {
        parseWebQuery(req.query, webQueries.plain);
        const vendor = deps.catalog.getVendor(idParam(req));
        if (vendor.id !== idParam(req)) return redirectTo(`/vendors/${encodeURIComponent(vendor.id)}`);
        const chips = allPages((p) => deps.catalog.listChips({ vendor: vendor.id }, p));
        const models = allPages((p) => deps.catalog.listModels({ publisher: vendor.id }, p));
        const certifications = allPages((p) => deps.certifications.list({ vendor: vendor.id, status: 'active' }, p));
        return vendorPage(ctx, vendor, chips, models, certifications);
      },
      () => (id) => `/vendors/${encodeURIComponent(id)}`,
    ),
  );

  r.get(
    '/revocations',
    page((req, ctx) => {
      parseWebQuery(req.query, webQueries.plain);
      return revocationsPage(
        ctx,
        allPages((p) => deps.certifications.list({ status: 'revoked' }, p)),
      );
    }),
  );

  r.get(
    '/keys',
    page((req, ctx) => {
      parseWebQuery(req.query, webQueries.plain);
      return keysPage(ctx, deps.certificates.publicKeys(), { origin: deps.tlog.origin });
    }),
  );

  r.get(
    '/results',
    page((req, ctx) => {
      const { lang: _lang, format, ...filters } = parseWebQuery(req.query, webQueries.results);
      const resolved = {
        ...filters,
        model: filters.model && deps.names.resolve('model', filters.model),
        chip: filters.chip && deps.names.resolve('chip', filters.chip),
        vendor: filters.vendor && deps.names.resolve('vendor', filters.vendor),
      };
      const view = resultsView(deps, resolved);
      if (format === 'csv') return { title: '', body: html``, csv: toCsv(view.rows, RESULT_COLUMNS) };
      const headers = deps.matrix.build({});
      const byName = <T extends { nameEn: string }>(list: T[]) =>
        [...list].sort((a, b) => a.nameEn.localeCompare(b.nameEn, 'en', { numeric: true }));
      return resultsPage(ctx, view, resolved, {
        models: byName(headers.models.map((m) => ctx.names.model(m.id))),
        chips: byName(headers.chips.map((c) => ctx.names.chip(c.id))),
        vendors: byName(allPages((p) => deps.catalog.listVendors(p))),
      });
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

  // A page address that does not exist (a mistyped or old link) answers with an HTML page and
  // suggestions from its last segment; API, schema and asset paths keep their JSON 404. Middleware,
  // not a route: it must not make every address look as if it answered GET (405 Allow lists routes).
  const missingPage = page(
    (req) => {
      const segment = lastSegment(req.path);
      const suggestions = segment
        ? deps.catalog.search(segment, 8).map((hit) => ({ id: hit.id, name: hit.nameEn, kind: hit.kind }))
        : [];
      throw new NotFoundError(`There is no page at ${req.path}.`, suggestions);
    },
    () => recordHref,
  );
  const notAPage = /^\/(?:v1(?:\/|$)|schemas\/|assets\/|openapi\.json|docs|tlog\/|metrics|healthz|readyz)/;
  r.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || notAPage.test(req.path)) return next();
    if (allowedMethods(req.app as Express, req.path).length > 0) return next();
    return missingPage(req, res, next);
  });
  return r;
}
