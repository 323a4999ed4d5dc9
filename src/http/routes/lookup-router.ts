import { Router } from 'express';
import type { CatalogService } from '../../services/catalog-service.js';
import type { CompatibilityService } from '../../services/compatibility-service.js';
import type { MatrixService } from '../../services/matrix-service.js';
import { parseQuery, q } from '../query.js';

/** The questions users come with: search, "is M certified on C?", and the whole matrix. */
export function lookupRouter(deps: { catalog: CatalogService; compatibility: CompatibilityService; matrix: MatrixService }): Router {
  const r = Router();
  r.get('/v1/search', (req, res) => {
    const query = parseQuery(req.query, { q: q.text(), limit: q.limit });
    res.json({ query: query.q, items: deps.catalog.search(query.q, query.limit) });
  });
  r.get('/v1/compatibility', (req, res) => {
    const query = parseQuery(req.query, {
      model: q.text(), chip: q.text(), precision: q.precision.optional(), deployment: q.deployment.optional(),
      minLevel: q.level.optional(), stack: q.text(1000).optional(),
    });
    res.json(deps.compatibility.check(query));
  });
  r.get('/v1/matrix', (req, res) => {
    const query = parseQuery(req.query, { deviceClass: q.deviceClass.optional(), family: q.text(80).optional(), minLevel: q.level.optional() });
    res.json(deps.matrix.build(query));
  });
  return r;
}
