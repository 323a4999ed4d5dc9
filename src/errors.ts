import type { FieldProblem } from './schemas/ajv-problems.js';

/**
 * The one error vocabulary of chipreg: a closed set of codes, one class per code. Domain, database
 * and CLI code throw these; only `http/problem-details.ts` knows which HTTP status each code becomes,
 * and its table is typed over `ErrorCode`, so a code without a status does not compile.
 *
 * Pointers are relative to what was wrong: the document for document errors, the query parameters
 * (`/stack`) for query errors; the HTTP layer places them under `/query` when it answers.
 */
export const ERROR_CODES = [
  'invalid-input',
  'invalid-query',
  'malformed-body',
  'malformed-request',
  'unauthenticated',
  'forbidden',
  'not-found',
  'unknown-reference',
  'method-not-allowed',
  'not-acceptable',
  'conflict',
  'invalid-state',
  'payload-too-large',
  'unsupported-media-type',
  'invalid-document',
  'invalid-catalog',
  'not-a-dump',
  'too-many-requests',
  'headers-too-large',
  'unavailable',
  'read-only-replica',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type Suggestion = { id: string; name: string };

export abstract class AppError extends Error {
  abstract readonly code: ErrorCode;
  constructor(
    message: string,
    readonly errors: FieldProblem[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A request body or CLI argument that is not acceptable. */
export class InvalidInputError extends AppError {
  readonly code = 'invalid-input';
}

/** Query parameters that are not acceptable; pointers name the parameter (`/limit`). */
export class InvalidQueryError extends AppError {
  readonly code = 'invalid-query';
}

export class MalformedBodyError extends AppError {
  readonly code = 'malformed-body';
}

/** An HTTP request the server's parser refused before routing (a raw non-ASCII request line). */
export class MalformedRequestError extends AppError {
  readonly code = 'malformed-request';
}

export class HeadersTooLargeError extends AppError {
  readonly code = 'headers-too-large';
}

export class UnauthenticatedError extends AppError {
  readonly code = 'unauthenticated';
  constructor(message = 'A valid API key is required: send Authorization: Bearer <key>.') {
    super(message);
  }
}

export class ForbiddenError extends AppError {
  readonly code = 'forbidden';
}

export class NotFoundError extends AppError {
  readonly code: 'not-found' | 'unknown-reference' = 'not-found';
  constructor(message: string, suggestions: Suggestion[] = []) {
    super(message, [], suggestions.length ? { suggestions } : {});
  }
}

/** A name (model, chip, vendor…) that the catalog does not know, with the closest ones it does. */
export class UnknownReferenceError extends NotFoundError {
  override readonly code = 'unknown-reference';
}

export class MethodNotAllowedError extends AppError {
  readonly code = 'method-not-allowed';
  constructor(
    message: string,
    readonly allow: string[],
  ) {
    super(message);
  }
}

export class NotAcceptableError extends AppError {
  readonly code = 'not-acceptable';
}

export class ConflictError extends AppError {
  readonly code = 'conflict';
}

/** The action is not allowed in the record's current state (deciding a withdrawn submission, say). */
export class InvalidStateError extends AppError {
  readonly code = 'invalid-state';
}

export class PayloadTooLargeError extends AppError {
  readonly code = 'payload-too-large';
}

export class UnsupportedMediaTypeError extends AppError {
  readonly code = 'unsupported-media-type';
}

/** A well-formed document that breaks the contract (schema or references): nothing is stored. */
export class SchemaViolationError extends AppError {
  readonly code = 'invalid-document';
}

/** Files in data/ that do not make a valid catalog: nothing is imported. */
export class InvalidCatalogError extends AppError {
  readonly code = 'invalid-catalog';
}

export class TooManyRequestsError extends AppError {
  readonly code = 'too-many-requests';
}

/** A dependency (the database, the signing key) is not available; retrying later may succeed. */
export class UnavailableError extends AppError {
  readonly code = 'unavailable';
}

/**
 * A tool output chipreg cannot import: unrecognised, damaged or ambiguous. Nothing of the file is
 * imported; the message names the formats chipreg knows.
 */
export class UnreadableToolOutputError extends InvalidInputError {}

/** Text that is none of the dumps `identify` reads: `accepted` lists the forms it does read. */
export class NotADumpError extends AppError {
  readonly code = 'not-a-dump';
  constructor(message: string, accepted: string[]) {
    super(message, [], { accepted });
  }
}

/** A stack names a component the catalog does not know: a 400 with the closest known components. */
export class UnknownComponentError extends AppError {
  readonly code = 'invalid-query';
  constructor(message: string, errors: FieldProblem[], suggestions: Suggestion[]) {
    super(message, errors, suggestions.length ? { suggestions } : {});
  }
}

/** A write sent to a read replica: it names the primary that takes writes (`primary`, when known). */
export class ReadOnlyReplicaError extends AppError {
  readonly code = 'read-only-replica';
  constructor(primary: string | null) {
    super(
      primary
        ? `This is a read-only replica; send writes to the primary at ${primary}.`
        : 'This is a read-only replica; send writes to the primary.',
      [],
      primary ? { primary } : {},
    );
  }
}
