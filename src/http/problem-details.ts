import { AppError, type ErrorCode } from '../errors.js';
import { MAX_ERRORS } from '../services/validation-service.js';

/** The one table from error code to HTTP status and fixed title; typed so that every code has a row. */
const TABLE: Record<ErrorCode, { status: number; title: string }> = {
  'invalid-input': { status: 400, title: 'Invalid input' },
  'invalid-query': { status: 400, title: 'Invalid query parameters' },
  'malformed-body': { status: 400, title: 'Malformed request body' },
  'malformed-request': { status: 400, title: 'Malformed request' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Forbidden' },
  'not-found': { status: 404, title: 'Not found' },
  'unknown-reference': { status: 404, title: 'Unknown name' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'not-acceptable': { status: 406, title: 'Not acceptable' },
  conflict: { status: 409, title: 'Conflict' },
  'invalid-state': { status: 409, title: 'Not allowed in the current state' },
  'payload-too-large': { status: 413, title: 'Request body too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'invalid-document': { status: 422, title: 'Invalid document' },
  'invalid-catalog': { status: 422, title: 'Invalid catalog' },
  'not-a-dump': { status: 422, title: 'Not a machine dump' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  'headers-too-large': { status: 431, title: 'Request headers too large' },
  unavailable: { status: 503, title: 'Service unavailable' },
  'read-only-replica': { status: 503, title: 'Read-only replica' },
  internal: { status: 500, title: 'Internal error' },
};

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  errors?: Array<{ pointer: string; detail: string }>;
  [extension: string]: unknown;
}

/** AppError → RFC 9457 problem document. Anything that is not an AppError is an internal error whose detail is never shown. */
export function toProblem(error: unknown, instance: string): ProblemDocument {
  const app = error instanceof AppError ? error : null;
  const code: ErrorCode = app ? app.code : 'internal';
  const { status, title } = TABLE[code];
  const problem: ProblemDocument = {
    type: `https://chipreg.dev/problems/${code}`,
    title,
    status,
    detail: app ? app.message : 'The server could not answer this request. The error has been logged.',
    instance,
    code,
  };
  // Services point into what they were given; a query's parameters are answered under /query.
  const base = code === 'invalid-query' ? '/query' : '';
  // However many problems a huge invalid document has, one answer lists the first MAX_ERRORS and counts them all.
  if (app?.errors.length) {
    problem.errors = app.errors.slice(0, MAX_ERRORS).map(({ pointer, detail, file }) => ({
      pointer: base + pointer,
      detail: file ? `${file}: ${detail}` : detail,
    }));
    if (app.errors.length > MAX_ERRORS) problem.errorsTotal = app.errors.length;
  }
  if (app) Object.assign(problem, app.extra);
  return problem;
}
