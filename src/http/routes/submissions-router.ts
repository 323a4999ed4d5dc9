import { Router } from 'express';
import type { SubmissionService } from '../../services/submission-service.js';
import type { ValidationService } from '../../services/validation-service.js';
import type { Auth } from '../auth.js';
import type { Principal } from '../../services/key-service.js';
import { principalOf } from '../auth.js';
import { jsonBody } from '../json-body.js';
import { idParam, parseBody, parseHeaders, parseQuery } from '../query.js';
import { bodies, headers, queries } from '../request-shapes.js';

const idempotencyKey = (value: string | undefined) =>
  parseHeaders(value === undefined ? {} : { 'idempotency-key': value }, headers.idempotency)['idempotency-key'];

/** Validation (public, stores nothing) and the authenticated submission lifecycle. */
export function submissionsRouter(deps: {
  submissions: SubmissionService;
  validation: ValidationService;
  auth: Auth;
}): Router {
  const r = Router();
  const { auth, submissions } = deps;
  r.post('/v1/validate', ...auth.optional(), ...jsonBody(), (req, res) => {
    parseQuery(req.query, queries.none);
    // A vendor key judges the document as its organisation; without one (or with a reviewer key) the
    // submitter's identity is reported unjudged instead of assumed.
    const principal = res.locals.principal as Principal | undefined;
    res.json(deps.validation.validate(req.body, { organization: principal?.vendor ?? null }));
  });
  r.post('/v1/submissions', ...auth.requireRole('vendor'), ...jsonBody(), (req, res) => {
    res.status(201).json(submissions.submit(principalOf(res), req.body, idempotencyKey(req.get('idempotency-key'))));
  });
  r.get('/v1/submissions', ...auth.requireRole('vendor', 'reviewer', 'admin'), (req, res) => {
    const query = parseQuery(req.query, queries.submissions);
    res.json(submissions.list(principalOf(res), query, query));
  });
  r.get('/v1/submissions/:id', ...auth.requireRole('vendor', 'reviewer', 'admin'), (req, res) => {
    res.json(submissions.get(principalOf(res), idParam(req)));
  });
  r.post('/v1/submissions/:id/revisions', ...auth.requireRole('vendor'), ...jsonBody(), (req, res) => {
    const created = submissions.resubmit(
      principalOf(res),
      idParam(req),
      req.body,
      idempotencyKey(req.get('idempotency-key')),
    );
    res.status(201).json(created);
  });
  r.post('/v1/submissions/:id/withdraw', ...auth.requireRole('vendor'), (req, res) => {
    res.json(submissions.withdraw(principalOf(res), idParam(req)));
  });
  r.post('/v1/submissions/:id/decision', ...auth.requireRole('reviewer', 'admin'), ...jsonBody(), (req, res) => {
    res.json(submissions.decide(principalOf(res), idParam(req), parseBody(req.body, bodies.decision)));
  });
  r.post('/v1/certifications/:id/revoke', ...auth.requireRole('reviewer', 'admin'), ...jsonBody(), (req, res) => {
    const { reason } = parseBody(req.body, bodies.revoke);
    submissions.revoke(principalOf(res), idParam(req), reason);
    res.status(204).end();
  });
  return r;
}
