import { Router } from 'express';
import { z } from 'zod';
import type { SubmissionService } from '../../services/submission-service.js';
import type { ValidationService } from '../../services/validation-service.js';
import type { Auth } from '../auth.js';
import { principalOf } from '../auth.js';
import { jsonBody } from '../json-body.js';
import { idParam, parseBody, parseQuery, parseStrict, q } from '../query.js';

const Decision = {
  decision: z.enum(['approve', 'reject', 'request-changes'], { error: 'must be approve, reject or request-changes' }),
  level: z.enum(['L1', 'L2', 'L3', 'L4'], { error: 'must be a level from L1 to L4' }).optional(),
  note: z.string().trim().min(1, 'must not be empty').max(4000, 'must be at most 4000 characters').optional(),
};
const Revoke = { reason: z.string({ error: 'is required' }).trim().min(3, 'must say why, in at least 3 characters').max(4000, 'must be at most 4000 characters') };
const IdempotencyKey = { 'idempotency-key': z.string().regex(/^[\x21-\x7e]{1,200}$/, 'must be 1 to 200 visible ASCII characters').optional() };

const idempotencyKey = (value: string | undefined) =>
  parseStrict(value === undefined ? {} : { 'idempotency-key': value }, IdempotencyKey, '/headers', 'invalid-input')['idempotency-key'];

/** Validation (public, stores nothing) and the authenticated submission lifecycle. */
export function submissionsRouter(deps: { submissions: SubmissionService; validation: ValidationService; auth: Auth }): Router {
  const r = Router();
  const { auth, submissions } = deps;
  r.post('/v1/validate', ...jsonBody(), (req, res) => {
    parseQuery(req.query, {});
    res.json(deps.validation.validate(req.body));
  });
  r.post('/v1/submissions', ...auth.requireRole('vendor'), ...jsonBody(), (req, res) => {
    const answer = submissions.submit(principalOf(res), req.body, idempotencyKey(req.get('idempotency-key')));
    res.status(answer.status).json(answer.body);
  });
  r.get('/v1/submissions', ...auth.requireRole('vendor', 'reviewer', 'admin'), (req, res) => {
    const query = parseQuery(req.query, { limit: q.limit, cursor: q.cursor, status: z.enum(['in-review', 'approved', 'rejected', 'changes-requested', 'withdrawn'], { error: 'must be in-review, approved, rejected, changes-requested or withdrawn' }).optional() });
    res.json(submissions.list(principalOf(res), query, query));
  });
  r.get('/v1/submissions/:id', ...auth.requireRole('vendor', 'reviewer', 'admin'), (req, res) => {
    res.json(submissions.get(principalOf(res), idParam(req)));
  });
  r.post('/v1/submissions/:id/revisions', ...auth.requireRole('vendor'), ...jsonBody(), (req, res) => {
    const answer = submissions.resubmit(principalOf(res), idParam(req), req.body, idempotencyKey(req.get('idempotency-key')));
    res.status(answer.status).json(answer.body);
  });
  r.post('/v1/submissions/:id/withdraw', ...auth.requireRole('vendor'), (req, res) => {
    res.json(submissions.withdraw(principalOf(res), idParam(req)));
  });
  r.post('/v1/submissions/:id/decision', ...auth.requireRole('reviewer', 'admin'), ...jsonBody(), (req, res) => {
    res.json(submissions.decide(principalOf(res), idParam(req), parseBody(req.body, Decision)));
  });
  r.post('/v1/certifications/:id/revoke', ...auth.requireRole('reviewer', 'admin'), ...jsonBody(), (req, res) => {
    const { reason } = parseBody(req.body, Revoke);
    submissions.revoke(principalOf(res), idParam(req), reason);
    res.status(204).end();
  });
  return r;
}
