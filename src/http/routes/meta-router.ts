import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Router } from 'express';
import type { MetaRepository } from '../../db/meta-repository.js';
import type { SchemaRegistry } from '../../schemas/schema-registry.js';
import type { CatalogService } from '../../services/catalog-service.js';
import { NotFoundError, UnavailableError } from '../../errors.js';
import { parseQuery } from '../query.js';
import { queries } from '../request-shapes.js';
import type { ReplicaStatus } from '../../replica/replica-status.js';
import { packageRoot } from '../../package-root.js';

export interface MetaDeps {
  meta: MetaRepository;
  catalog: CatalogService;
  schemas: SchemaRegistry;
  version: string;
  /** Throws when the database cannot answer. */
  ping: () => boolean;
  /** Set on a read replica. */
  replica: (() => ReplicaStatus) | null;
}

/** Documentation that belongs with the schemas it explains, served next to them. */
const SERVED_DOCS = new Map(
  ['submission-v2.md'].map((name) => [name, readFileSync(join(packageRoot(), 'docs', name), 'utf8')] as const),
);

/** Liveness, readiness, registry facts and the public schemas, served verbatim. */
export function metaRouter(deps: MetaDeps): Router {
  const r = Router();
  r.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  r.get('/readyz', (_req, res) => {
    // A failing ping is an outage to report, not a request error: answered by the one problem translation.
    if (!deps.ping()) throw new UnavailableError('The database is not available.');
    res
      .set('Cache-Control', 'no-store')
      .json(deps.replica ? { status: 'ready', replica: deps.replica() } : { status: 'ready' });
  });
  r.get('/v1/meta', (req, res) => {
    parseQuery(req.query, queries.none);
    const set = deps.catalog.activeRequirementSet();
    res.json({
      name: 'chipreg',
      version: deps.version,
      dataRevision: deps.meta.revision(),
      schemaVersion: deps.meta.schemaVersion(),
      requirementSet: String(set.id),
      counts: deps.meta.counts(),
      ...(deps.replica ? { replica: deps.replica() } : {}),
    });
  });
  r.get('/schemas/*file', (req, res) => {
    const file = (req.params as { file: string[] }).file.join('/');
    const doc = SERVED_DOCS.get(file);
    if (doc) return void res.type('text/markdown; charset=utf-8').send(doc);
    const schema = deps.schemas.files.get(file);
    if (!schema) throw new NotFoundError(`No schema ${file}.`);
    res.type('application/schema+json').send(JSON.stringify(schema, null, 2));
  });
  return r;
}
