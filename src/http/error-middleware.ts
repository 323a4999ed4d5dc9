import type { ErrorRequestHandler, Express, RequestHandler } from 'express';
import { allowedMethods } from './allowed-methods.js';
import { databaseFailure, type DatabaseFailure } from '../db/database-failure.js';
import type { Logger } from 'pino';
import {
  AppError,
  InvalidInputError,
  MalformedBodyError,
  MethodNotAllowedError,
  UnavailableError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../errors.js';
import { toProblem } from './problem-details.js';
import { redactUrl } from './redact-url.js';

/** body-parser and express signal their own failures with `type`/`status`; give them our vocabulary. */
function fromFramework(error: unknown): unknown {
  const e = error as { type?: string; status?: number; message?: string; limit?: number } | null;
  if (!e || error instanceof AppError) return error;
  if (e.type === 'entity.too.large')
    return new PayloadTooLargeError(`The request body is larger than the ${e.limit ?? ''} byte limit.`);
  if (e.type === 'entity.parse.failed') return new MalformedBodyError('The request body is not valid JSON.');
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported')
    return new UnsupportedMediaTypeError(e.message ?? 'Unsupported encoding.');
  if (e.type === 'request.aborted' || e.type === 'request.size.invalid' || e.type === 'stream.encoding.set')
    return new MalformedBodyError('The request body could not be read.');
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500)
    return new InvalidInputError('The request could not be read.');
  return error;
}

/** Nothing answered: 405 with `Allow` when the path exists for other methods, else 404. */
export function notFoundHandler(app: Express): RequestHandler {
  return (req, _res, next) => {
    const allow = allowedMethods(app, req.path);
    next(
      allow.length && !allow.includes(req.method)
        ? new MethodNotAllowedError(`${req.path} answers ${allow.join(', ')}, not ${req.method}.`, allow)
        : new NotFoundError(`No resource at ${req.method} ${req.path}.`),
    );
  };
}

/** The only place errors become HTTP: RFC 9457 bodies, 5xx logged with their stack, never sent. */
/** Seconds a client is asked to wait after an outage (a full disk, a locked or damaged database). */
export const RETRY_AFTER_SECONDS = 30;

/**
 * SQLite's own failures (a full disk, an I/O error, a damaged file) are an outage, not a bug: a 503
 * that says so, and readiness told so it can look deeper. Anything else passes through unchanged.
 */
export function fromDatabase(error: unknown, onFailure: (kind: DatabaseFailure) => void): unknown {
  const failure = databaseFailure(error);
  if (!failure) return error;
  onFailure(failure);
  return new UnavailableError(
    failure === 'full'
      ? 'The registry cannot store anything now: its disk is full. Nothing was written; try again later.'
      : 'The registry database is not available now. Nothing was written; try again later.',
  );
}

export function errorMiddleware(log: Logger, onDatabaseFailure: (kind: DatabaseFailure) => void): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const problem = toProblem(
      fromDatabase(fromFramework(error), onDatabaseFailure),
      req.originalUrl.split('?')[0] ?? req.path,
    );
    if (problem.status >= 500) log.error({ err: error, url: redactUrl(req.originalUrl) }, 'request failed');
    if (res.headersSent) return res.end();
    res.removeHeader('ETag');
    if (error instanceof MethodNotAllowedError) res.set('Allow', error.allow.join(', '));
    if (problem.status === 503) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    res
      .status(problem.status)
      .type('application/problem+json')
      .set('Cache-Control', 'no-store')
      .send(JSON.stringify(problem));
  };
}
