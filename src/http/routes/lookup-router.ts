import { Router } from 'express';
import type { CatalogService } from '../../services/catalog-service.js';
import type { CompatibilityService } from '../../services/compatibility-service.js';
import type { MatrixService } from '../../services/matrix-service.js';
import type { IdentifyService } from '../../services/identify-service.js';
import { textOrJsonBody } from '../json-body.js';
import { parseBody, parseQuery } from '../query.js';
import { bodies, queries } from '../request-shapes.js';
import { InvalidInputError } from '../../errors.js';
import { JSON_TYPE, sendAnswer, sendJsonAnswer } from '../answer-cache.js';

/** The questions users come with: search, "is M certified on C?", the whole matrix, and "what is in this machine?". */
export function lookupRouter(deps: {
  catalog: CatalogService;
  compatibility: CompatibilityService;
  matrix: MatrixService;
  identify: IdentifyService;
}): Router {
  const r = Router();
  r.get('/v1/search', (req, res) => {
    const query = parseQuery(req.query, queries.search);
    sendJsonAnswer(req, res, { query: query.q, items: deps.catalog.search(query.q, query.limit) });
  });
  r.get('/v1/compatibility', (req, res) => {
    const query = parseQuery(req.query, queries.compatibility);
    sendJsonAnswer(req, res, deps.compatibility.check(query));
  });
  r.get('/v1/matrix', (req, res) => {
    const query = parseQuery(req.query, queries.matrix);
    sendAnswer(req, res, deps.matrix.json(query), JSON_TYPE);
  });
  r.post('/v1/identify', ...textOrJsonBody(), (req, res) => {
    parseQuery(req.query, queries.none);
    if (typeof req.body === 'string') return void res.json(deps.identify.fromText(req.body));
    const body = parseBody(req.body, bodies.identify);
    if (body.pciIds) return void res.json(deps.identify.fromIds(body.pciIds));
    if (body.lspci !== undefined) return void res.json(deps.identify.fromText(body.lspci));
    throw new InvalidInputError('Nothing to identify.', [
      { pointer: '/pciIds', detail: 'is required, unless the body is lspci -nn text (text/plain) or {"lspci": "..."}' },
    ]);
  });
  return r;
}
