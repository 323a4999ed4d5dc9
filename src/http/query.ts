import { z } from 'zod';
import { InvalidInputError, InvalidQueryError, type AppError } from '../errors.js';
import type { FieldProblem } from '../schemas/ajv-problems.js';
import { CERTIFICATION_STATUSES, DEPLOYMENT_FORMS, DEVICE_CLASSES, LEVELS, PRECISIONS } from '../domain/vocabulary.js';

/** A single query-string value: repeated parameters (`?a=1&a=2`) and empty ones are rejected. */
const text = (max = 200) =>
  z
    .string({ error: 'must be given once, as text' })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    // A NUL or other control character is never part of a name, and the full-text index cannot take it.
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

export const q = {
  text,
  limit: z
    .string()
    .regex(/^\d{1,4}$/, 'must be an integer from 1 to 500')
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500'))
    .default(50),
  cursor: text(400).optional(),
  format: z.enum(['json', 'csv'], { error: 'must be json or csv' }).optional(),
  precision: z.enum(PRECISIONS, { error: `must be one of: ${PRECISIONS.join(', ')}` }),
  deployment: z.enum(DEPLOYMENT_FORMS, { error: `must be one of: ${DEPLOYMENT_FORMS.join(', ')}` }),
  deviceClass: z.enum(DEVICE_CLASSES, { error: `must be one of: ${DEVICE_CLASSES.join(', ')}` }),
  level: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.enum(LEVELS, { error: `must be a level from ${LEVELS[0]} to ${LEVELS.at(-1)}` })),
  status: z.enum(CERTIFICATION_STATUSES, { error: `must be one of: ${CERTIFICATION_STATUSES.join(', ')}` }),
};

function toProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ pointer: `/${key}`, detail: 'is not a known field here' }));
    }
    return [{ pointer: issue.path.map((p) => `/${String(p)}`).join(''), detail: issue.message }];
  });
}

const compiled = new WeakMap<z.ZodRawShape, z.ZodObject>();

/**
 * Parses `input` against a strict zod shape; every problem becomes a `{pointer, detail}` relative to
 * the input, and the error is the one `failure` builds (query or body, which the problem translation places).
 */
export function parseStrict<S extends z.ZodRawShape>(
  input: unknown,
  shape: S,
  failure: (message: string, problems: FieldProblem[]) => AppError,
): z.output<z.ZodObject<S>> {
  // zod compiles an object schema on first use: build each shape's schema once, not per request.
  let schema = compiled.get(shape);
  if (!schema) compiled.set(shape, (schema = z.strictObject(shape)));
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    const problems = toProblems(result.error);
    throw failure(`The request has ${problems.length} problem(s).`, problems);
  }
  return result.data as z.output<z.ZodObject<S>>;
}

/** Query strings: unknown parameters and bad values are a 400 with one pointer per problem (`/query/<name>` once answered). */
export const parseQuery = <S extends z.ZodRawShape>(query: unknown, shape: S) =>
  parseStrict(query, shape, (message, problems) => new InvalidQueryError(message, problems));

/** Small request envelopes (a decision, a revocation): the body must be exactly this object. */
export const parseBody = <S extends z.ZodRawShape>(body: unknown, shape: S) =>
  parseStrict(body, shape, (message, problems) => new InvalidInputError(message, problems));

/** Request headers: pointers name the header under `/headers` (headers are HTTP's own, so they are placed here). */
export const parseHeaders = <S extends z.ZodRawShape>(headers: unknown, shape: S) =>
  parseStrict(
    headers,
    shape,
    (message, problems) =>
      new InvalidInputError(
        message,
        problems.map((p) => ({ ...p, pointer: `/headers${p.pointer}` })),
      ),
  );

/** The `:id` path segment (express decodes it; routes with middleware arrays lose its static type). */
export const idParam = (req: { params: Record<string, unknown> }): string => String(req.params.id);
