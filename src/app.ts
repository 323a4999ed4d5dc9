import express, { type Express } from 'express';
import { rateLimit } from 'express-rate-limit';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Deps } from './deps.js';
import { ReadOnlyReplicaError, TooManyRequestsError } from './errors.js';
import { bearer, createAuth } from './http/auth.js';
import { conditionalGet } from './http/caching.js';
import { createAnswerCache } from './http/answer-cache.js';
import { securityHeaders } from './http/security-headers.js';
import { redactUrl } from './http/redact-url.js';
import { errorMiddleware, notFoundHandler } from './http/error-middleware.js';
import { catalogRouter } from './http/routes/catalog-router.js';
import { certificationsRouter } from './http/routes/certifications-router.js';
import { lookupRouter } from './http/routes/lookup-router.js';
import { metaRouter } from './http/routes/meta-router.js';
import { submissionsRouter } from './http/routes/submissions-router.js';
import { trustRouter } from './http/routes/trust-router.js';
import { createMetrics } from './http/metrics.js';
import { docsRouter } from './http/routes/docs-router.js';
import { badgeRouter } from './http/routes/badge-router.js';
import { tlogRouter } from './http/routes/tlog-router.js';
import { webRouter } from './web/web-router.js';
import { stacksRouter } from './http/routes/stacks-router.js';

export interface AppOptions {
  /** Failed authentications one client may make per window before it gets 429s. */
  authFailuresPerWindow?: number;
  authWindowMs?: number;
  /** Bytes of public answers kept per freshness token (default 32 MiB); see `createAnswerCache`. */
  answerCacheBytes?: number;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Builds the HTTP application over ready dependencies. Never listens: entry points do. */
export function createApp(deps: Deps, options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  const metrics = createMetrics(deps.health, (req) => {
    const role = bearer(deps.keys, req.get('authorization'))?.role;
    return role === 'reviewer' || role === 'admin';
  });
  // No upgrade-insecure-requests: the registry is often reached over plain HTTP on a LAN, where it would break every asset.
  app.use(securityHeaders({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.use(metrics.track);
  app.get('/metrics', metrics.serve);
  const requestId = (req: IncomingMessage, res: ServerResponse) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', id);
    return id;
  };
  // With request logging off (LOG_LEVEL above info) the per-request child logger is pure cost; ids stay.
  app.use(
    deps.log.isLevelEnabled('info')
      ? pinoHttp({
          logger: deps.log,
          genReqId: requestId,
          serializers: {
            req: (req: { id: unknown; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              url: redactUrl(req.url),
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
        })
      : (req, res, next) => {
          requestId(req, res);
          next();
        },
  );
  // Only failed authentications count against the limit, and a request bearing a valid key is never
  // limited: a guessing client is slowed down, honest clients behind the same address are not.
  const authFailures = rateLimit({
    windowMs: options.authWindowMs ?? 15 * 60_000,
    limit: options.authFailuresPerWindow ?? 30,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // The principal found here is kept for the authentication step after it, so a key is checked once.
    skip: (req, res) => (res.locals.principal = bearer(deps.keys, req.get('authorization'))) !== null,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    skipSuccessfulRequests: true,
    handler: (_req, _res, next) => next(new TooManyRequestsError('Too many failed authentications; try again later.')),
  });
  const auth = createAuth(deps.keys, deps.log, [authFailures]);

  const replica = deps.replica;
  // A replica serves a copy of the primary's data: a write here would be lost at the next snapshot.
  if (replica)
    app.use((req, _res, next) => {
      next(READS.has(req.method) ? undefined : new ReadOnlyReplicaError(replica().primary));
    });
  // Before every router (none of the docs routes is under /v1): a 304 or a kept answer skips them all.
  app.use(
    '/v1',
    conditionalGet(
      () => deps.meta.token(deps.now().getTime()),
      createAnswerCache(options.answerCacheBytes ?? 32 * 1024 * 1024),
    ),
  );
  app.use(docsRouter(deps.schemas, deps.version));
  app.use(
    metaRouter({
      meta: deps.meta,
      catalog: deps.catalog,
      schemas: deps.schemas,
      version: deps.version,
      ping: deps.health.ping,
      replica: deps.replica,
    }),
  );
  app.use(catalogRouter(deps.catalog));
  app.use(lookupRouter(deps));
  app.use(stacksRouter(deps));
  app.use(certificationsRouter(deps.certifications));
  app.use(submissionsRouter({ submissions: deps.submissions, validation: deps.validation, auth }));
  app.use(
    trustRouter({
      certifications: deps.certifications,
      certificates: deps.certificates,
      tlog: deps.tlog,
      revocations: deps.revocations,
      audit: deps.audit,
      keys: deps.keys,
      catalogAdmin: deps.catalogAdmin,
      auth,
    }),
  );
  app.use(tlogRouter({ tlog: deps.tlog, certifications: deps.certifications }));
  app.use(badgeRouter(deps.certifications));
  app.use(webRouter(deps));
  app.use(notFoundHandler(app));
  app.use(errorMiddleware(deps.log, deps.health.noteFailure));
  return app;
}
