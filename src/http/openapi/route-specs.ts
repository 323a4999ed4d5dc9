import type { z } from 'zod';
import type { Role } from '../../db/key-repository.js';
import { bodies, headers, queries } from '../request-shapes.js';

export interface RouteSpec {
  method: 'get' | 'post' | 'put';
  /** OpenAPI path template. */
  path: string;
  summary: string;
  tag: 'meta' | 'catalog' | 'lookup' | 'certifications' | 'submissions' | 'trust' | 'admin';
  query?: z.ZodRawShape;
  /** Documentation of query parameters (their shapes come from `query`). */
  params?: Record<string, string>;
  headers?: z.ZodRawShape;
  /** Request body: a schema file in schemas/, or a zod shape for small envelopes. */
  body?: { file: string } | { shape: z.ZodRawShape } | { lspci: true };
  /** Success status → schema file (null: no body). */
  ok: Record<number, string | null>;
  csv?: boolean;
  roles?: Role[];
  /** Problem statuses beyond the ones every route may answer (400, 404, 429, 500). */
  problems?: number[];
}

const list = (what: string) => `A page of ${what}; \`limit\` (1–500, default 50) and the opaque \`cursor\` from \`nextCursor\` or the Link header.`;
const P = {
  limit: 'Page size, 1 to 500 (default 50).',
  cursor: 'Opaque cursor from the previous page (`nextCursor` or `Link: rel="next"`).',
  format: '`json` (default) or `csv`; `Accept: text/csv` works too.',
  vendor: 'Vendor id or alias.', chip: 'Chip id or alias (e.g. `910B`, `昇腾910B`).', model: 'Model id or alias (e.g. `THUDM/chatglm3-6b`).',
  deviceClass: 'datacenter, edge, mobile, vehicle or supercomputer.', precision: 'A precision (fp32 … int4).',
  q: 'Text to search in English or Chinese names and aliases; partial words match.', family: 'Model family id, e.g. `chatglm3`.',
  publisher: 'Vendor id or alias of the model publisher.', deployment: 'Deployment form.', minLevel: 'Minimum level, L0–L4.',
  status: 'Computed status.', facets: 'Comma-separated facets to count under the same filters: level, status, chip, model, vendor, deployment.', stack: 'Comma-separated `name@version-or-range`, e.g. `CANN@>=8.0.RC1 <8.2,torch_npu@2.1.0`.',
};

/** Every route of the API, as the OpenAPI document describes it. A test checks this list against the app. */
export const routeSpecs: RouteSpec[] = [
  { method: 'get', path: '/healthz', summary: 'Liveness', tag: 'meta', ok: { 200: null } },
  { method: 'get', path: '/readyz', summary: 'Readiness: fails with 503 when the database cannot answer', tag: 'meta', ok: { 200: null }, problems: [503] },
  { method: 'get', path: '/metrics', summary: 'Prometheus metrics', tag: 'meta', ok: { 200: null } },
  { method: 'get', path: '/v1/meta', summary: 'Version, data revision, requirement set and counts', tag: 'meta', query: queries.none, ok: { 200: 'responses/meta.v1.schema.json' } },
  { method: 'get', path: '/schemas/{file}', summary: 'A public JSON Schema, verbatim', tag: 'meta', ok: { 200: null } },
  { method: 'get', path: '/openapi.json', summary: 'This document', tag: 'meta', ok: { 200: null } },
  { method: 'get', path: '/v1/vendors', summary: list('vendors'), tag: 'catalog', query: queries.vendors, params: P, csv: true, ok: { 200: 'responses/vendor-list.v1.schema.json' } },
  { method: 'get', path: '/v1/vendors/{id}', summary: 'A vendor by id, alias or name', tag: 'catalog', query: queries.none, ok: { 200: 'vendor.v1.schema.json' } },
  { method: 'get', path: '/v1/chips', summary: list('chips, filtered'), tag: 'catalog', query: queries.chips, params: P, csv: true, ok: { 200: 'responses/chip-list.v1.schema.json' } },
  { method: 'get', path: '/v1/chips/{id}', summary: 'A chip by id, alias or English/Chinese name; 404 with suggestions', tag: 'catalog', query: queries.none, ok: { 200: 'chip.v1.schema.json' } },
  { method: 'get', path: '/v1/systems', summary: list('systems'), tag: 'catalog', query: queries.systems, params: P, csv: true, ok: { 200: 'responses/system-list.v1.schema.json' } },
  { method: 'get', path: '/v1/systems/{id}', summary: 'A system by id or alias', tag: 'catalog', query: queries.none, ok: { 200: 'system.v1.schema.json' } },
  { method: 'get', path: '/v1/models', summary: list('models, filtered'), tag: 'catalog', query: queries.models, params: P, csv: true, ok: { 200: 'responses/model-list.v1.schema.json' } },
  { method: 'get', path: '/v1/models/{id}', summary: 'A model by id or alias', tag: 'catalog', query: queries.none, ok: { 200: 'model.v1.schema.json' } },
  { method: 'get', path: '/v1/software', summary: 'Software components of vendor stacks with their sourced versions', tag: 'catalog', query: queries.software, params: P, ok: { 200: 'responses/software-list.v1.schema.json' } },
  { method: 'get', path: '/v1/levels', summary: 'The active requirement set (levels and checks)', tag: 'catalog', query: queries.none, ok: { 200: 'requirement-set.v1.schema.json' } },
  { method: 'get', path: '/v1/search', summary: 'Vendors, chips, systems and models by English, Chinese, alias or partial word', tag: 'lookup', query: queries.search, params: P, ok: { 200: 'responses/search.v1.schema.json' } },
  { method: 'get', path: '/v1/compatibility', summary: 'Is a model certified on a chip? Verdict, best match, related certifications and declarations', tag: 'lookup', query: queries.compatibility, params: P, ok: { 200: 'responses/compatibility.v1.schema.json' } },
  { method: 'get', path: '/v1/matrix', summary: 'The best active level per model × chip', tag: 'lookup', query: queries.matrix, params: P, ok: { 200: 'responses/matrix.v1.schema.json' } },
  { method: 'post', path: '/v1/identify', summary: 'Recognise accelerators in `lspci -nn` output (text/plain) or `{pciIds}`', tag: 'lookup', body: { lspci: true }, ok: { 200: 'responses/identify.v1.schema.json' }, problems: [413, 415] },
  { method: 'get', path: '/v1/certifications', summary: list('certifications and L0 declarations, filtered'), tag: 'certifications', query: queries.certifications, params: P, csv: true, ok: { 200: 'responses/certification-list.v1.schema.json' } },
  { method: 'get', path: '/v1/certifications/{id}', summary: 'A certification or declaration', tag: 'certifications', query: queries.none, ok: { 200: 'certification.v1.schema.json' } },
  { method: 'get', path: '/v1/certifications/{id}/certificate', summary: 'The signed certificate of a verified certification', tag: 'certifications', query: queries.none, ok: { 200: 'responses/signed-certificate.v1.schema.json' } },
  { method: 'get', path: '/v1/certifications/{id}/badge.svg', summary: 'A shields-style SVG badge: level and status', tag: 'certifications', ok: { 200: null } },
  { method: 'post', path: '/v1/certifications/{id}/revoke', summary: 'Revoke a certification, with a reason', tag: 'certifications', roles: ['reviewer', 'admin'], body: { shape: bodies.revoke }, ok: { 204: null }, problems: [409, 413, 415] },
  { method: 'get', path: '/v1/revocations', summary: 'The public revocation list', tag: 'trust', query: queries.paging, params: P, ok: { 200: 'responses/revocation-list.v1.schema.json' } },
  { method: 'get', path: '/v1/keys', summary: 'Public keys that sign certificates, current and retired', tag: 'trust', query: queries.none, ok: { 200: 'responses/public-keys.v1.schema.json' } },
  { method: 'post', path: '/v1/verify', summary: 'Verify a signed certificate', tag: 'trust', body: { file: 'responses/signed-certificate.v1.schema.json' }, ok: { 200: 'responses/verification.v1.schema.json' }, problems: [413, 415] },
  { method: 'post', path: '/v1/validate', summary: 'Dry-run a submission document: validity, every error, and the level its evidence earns; stores nothing', tag: 'submissions', body: { file: 'submission.v1.schema.json' }, ok: { 200: 'responses/validation-report.v1.schema.json' }, problems: [413, 415] },
  { method: 'post', path: '/v1/submissions', summary: 'Submit certification evidence (replayed for a repeated Idempotency-Key)', tag: 'submissions', roles: ['vendor'], headers: headers.idempotency, body: { file: 'submission.v1.schema.json' }, ok: { 201: 'responses/submission-created.v1.schema.json' }, problems: [409, 413, 415, 422] },
  { method: 'get', path: '/v1/submissions', summary: 'Submissions the caller may see (a vendor: its own)', tag: 'submissions', roles: ['vendor', 'reviewer', 'admin'], query: queries.submissions, params: P, ok: { 200: 'responses/submission-list.v1.schema.json' } },
  { method: 'get', path: '/v1/submissions/{id}', summary: "A submission (another vendor's is a 404)", tag: 'submissions', roles: ['vendor', 'reviewer', 'admin'], ok: { 200: 'submission-record.v1.schema.json' } },
  { method: 'post', path: '/v1/submissions/{id}/revisions', summary: 'Resubmit after changes were requested: a new revision linked to the old one', tag: 'submissions', roles: ['vendor'], headers: headers.idempotency, body: { file: 'submission.v1.schema.json' }, ok: { 201: 'responses/submission-created.v1.schema.json' }, problems: [409, 413, 415, 422] },
  { method: 'post', path: '/v1/submissions/{id}/withdraw', summary: 'Withdraw an undecided submission', tag: 'submissions', roles: ['vendor'], ok: { 200: 'submission-record.v1.schema.json' }, problems: [409] },
  { method: 'post', path: '/v1/submissions/{id}/decision', summary: 'Approve (at a level up to the earned one), reject or request changes', tag: 'submissions', roles: ['reviewer', 'admin'], body: { shape: bodies.decision }, ok: { 200: 'submission-record.v1.schema.json' }, problems: [409, 413, 415, 422] },
  { method: 'get', path: '/v1/audit', summary: 'The hash-chained audit log', tag: 'trust', roles: ['reviewer', 'admin'], query: queries.paging, params: P, ok: { 200: null } },
  { method: 'get', path: '/v1/audit/verify', summary: 'Verify the audit chain', tag: 'trust', roles: ['reviewer', 'admin'], query: queries.none, ok: { 200: 'responses/audit-verification.v1.schema.json' } },
  { method: 'put', path: '/v1/vendors/{id}', summary: 'Create or replace a vendor', tag: 'admin', roles: ['admin'], body: { file: 'vendor.v1.schema.json' }, ok: { 200: 'vendor.v1.schema.json', 201: 'vendor.v1.schema.json' }, problems: [413, 415, 422] },
  { method: 'put', path: '/v1/chips/{id}', summary: 'Create or replace a chip', tag: 'admin', roles: ['admin'], body: { file: 'chip.v1.schema.json' }, ok: { 200: 'chip.v1.schema.json', 201: 'chip.v1.schema.json' }, problems: [413, 415, 422] },
  { method: 'put', path: '/v1/systems/{id}', summary: 'Create or replace a system', tag: 'admin', roles: ['admin'], body: { file: 'system.v1.schema.json' }, ok: { 200: 'system.v1.schema.json', 201: 'system.v1.schema.json' }, problems: [413, 415, 422] },
  { method: 'put', path: '/v1/models/{id}', summary: 'Create or replace a model', tag: 'admin', roles: ['admin'], body: { file: 'model.v1.schema.json' }, ok: { 200: 'model.v1.schema.json', 201: 'model.v1.schema.json' }, problems: [413, 415, 422] },
  { method: 'get', path: '/v1/admin/keys', summary: 'API keys (never their secrets)', tag: 'admin', roles: ['admin'], query: queries.none, ok: { 200: null } },
  { method: 'post', path: '/v1/admin/keys', summary: 'Create an API key; the secret is in this answer only', tag: 'admin', roles: ['admin'], body: { shape: bodies.newKey }, ok: { 201: null }, problems: [413, 415] },
  { method: 'post', path: '/v1/admin/keys/{id}/revoke', summary: 'Revoke an API key', tag: 'admin', roles: ['admin'], ok: { 204: null } },
];
