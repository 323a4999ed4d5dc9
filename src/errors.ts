import type { FieldProblem } from './schemas/ajv-problems.js';

/**
 * The one error vocabulary of chipreg. Domain, database and CLI code throw these; only
 * `http/problem-details.ts` knows which HTTP status each code becomes.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly errors: FieldProblem[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInputError extends AppError {
  constructor(message: string, errors: FieldProblem[] = [], code = 'invalid-input') {
    super(code, message, errors);
  }
}

/** A well-formed document that breaks the contract (schema or references): nothing is stored. */
export class SchemaViolationError extends AppError {
  constructor(message: string, errors: FieldProblem[], extra: Record<string, unknown> = {}) {
    super('invalid-document', message, errors, extra);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string, suggestions: Array<{ id: string; name: string }> = [], code = 'not-found') {
    super(code, message, [], suggestions.length ? { suggestions } : {});
  }
}

export class ConflictError extends AppError {
  constructor(message: string, code = 'conflict') {
    super(code, message);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'A valid API key is required: send Authorization: Bearer <key>.') {
    super('unauthenticated', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string) {
    super('forbidden', message);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super('payload-too-large', message);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(message: string) {
    super('unsupported-media-type', message);
  }
}

export class MalformedBodyError extends AppError {
  constructor(message: string) {
    super('malformed-body', message);
  }
}

/**
 * A tool output chipreg cannot import: unrecognised, damaged or ambiguous. Nothing of the file is
 * imported; the message names the formats chipreg knows.
 */
export class UnreadableToolOutputError extends InvalidInputError {
  constructor(message: string, errors: FieldProblem[] = []) {
    super(message, errors, 'invalid-input');
  }
}
