import { Router } from 'express';
import type { AuditRepository } from '../../db/audit-repository.js';
import type { CertificationService } from '../../services/certification-service.js';
import type { CertificateService } from '../../services/certificate-service.js';
import type { RevocationListService } from '../../services/revocation-list-service.js';
import type { TransparencyLogService } from '../../services/transparency-log-service.js';
import type { KeyService } from '../../services/key-service.js';
import type { CatalogAdminService } from '../../services/catalog-admin-service.js';
import { keysetPage } from '../../services/keyset-page.js';
import { principalOf, type Auth } from '../auth.js';
import { jsonBody } from '../json-body.js';
import { idParam, parseBody, parseQuery } from '../query.js';
import { bodies, queries } from '../request-shapes.js';

/** Public keys, signed certificates and their verification, the revocation list, the audit log, catalog edits and key administration. */
export function trustRouter(deps: {
  certifications: CertificationService;
  certificates: CertificateService;
  tlog: TransparencyLogService;
  revocations: RevocationListService;
  audit: AuditRepository;
  keys: KeyService;
  catalogAdmin: CatalogAdminService;
  auth: Auth;
}): Router {
  const r = Router();
  const { auth } = deps;
  r.get('/v1/keys', (req, res) => {
    parseQuery(req.query, queries.none);
    res.json({
      items: deps.certificates.publicKeys(),
      nextCursor: null,
      log: { origin: deps.tlog.origin, checkpoint: '/tlog/checkpoint', witnessKeys: deps.tlog.witnessKeys() },
    });
  });
  r.get('/v1/certifications/:id/certificate', (req, res) => {
    parseQuery(req.query, queries.none);
    res.json(deps.certificates.certificate(idParam(req)));
  });
  r.post('/v1/verify', ...jsonBody(), (req, res) => {
    parseQuery(req.query, queries.none);
    res.json(deps.certificates.verify(req.body));
  });
  r.get('/v1/revocations', (req, res) => {
    parseQuery(req.query, queries.none);
    res.json(deps.revocations.signed());
  });
  r.get('/v1/audit', ...auth.requireRole('reviewer', 'admin'), (req, res) => {
    const query = parseQuery(req.query, queries.paging);
    res.json(
      keysetPage(
        query,
        'number',
        (after: number, n) => deps.audit.list(after, n),
        (event) => event.seq,
      ),
    );
  });
  r.get('/v1/audit/verify', ...auth.requireRole('reviewer', 'admin'), (req, res) => {
    parseQuery(req.query, queries.none);
    res.json(deps.audit.verify());
  });
  for (const [kind, path] of [
    ['vendor', 'vendors'],
    ['chip', 'chips'],
    ['system', 'systems'],
    ['model', 'models'],
  ] as const) {
    r.put(`/v1/${path}/:id`, ...auth.requireRole('admin'), ...jsonBody(), (req, res) => {
      const { created, record } = deps.catalogAdmin.put(kind, idParam(req), req.body, `key:${principalOf(res).keyId}`);
      res.status(created ? 201 : 200).json(record);
    });
  }
  r.get('/v1/admin/keys', ...auth.requireRole('admin'), (req, res) => {
    parseQuery(req.query, queries.none);
    res.json({ items: deps.keys.list(), nextCursor: null });
  });
  r.post('/v1/admin/keys', ...auth.requireRole('admin'), ...jsonBody(), (req, res) => {
    res.status(201).json(deps.keys.create(parseBody(req.body, bodies.newKey), `key:${principalOf(res).keyId}`));
  });
  r.post('/v1/admin/keys/:id/revoke', ...auth.requireRole('admin'), (req, res) => {
    deps.keys.revoke(idParam(req), `key:${principalOf(res).keyId}`);
    res.status(204).end();
  });
  return r;
}
