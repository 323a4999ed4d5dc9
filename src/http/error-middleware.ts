import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import {
  AppError,
  InvalidInputError,
  MalformedBodyError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../errors.js';
import { toProblem } from './problem-details.js';

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

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`No resource at ${req.method} ${req.path}.`));
};

/** The only place errors become HTTP: RFC 9457 bodies, 5xx logged with their stack, never sent. */
export function errorMiddleware(log: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const problem = toProblem(fromFramework(error), req.originalUrl.split('?')[0] ?? req.path);
    if (problem.status >= 500) log.error({ err: error, url: req.originalUrl }, 'request failed');
    if (res.headersSent) return res.end();
    res.removeHeader('ETag');
    res
      .status(problem.status)
      .type('application/problem+json')
      .set('Cache-Control', 'no-store')
      .send(JSON.stringify(problem));
  };
}
