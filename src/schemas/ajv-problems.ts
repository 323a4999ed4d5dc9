import type { ErrorObject } from 'ajv';

/** One problem with a document or request: an RFC 6901 JSON pointer and a readable sentence. */
export interface FieldProblem {
  pointer: string;
  detail: string;
  /** The file the pointer is in, for problems found while loading files. */
  file?: string;
}

function describe(error: ErrorObject): { pointer: string; detail: string } {
  const p = error.params as Record<string, unknown>;
  const at = error.instancePath;
  switch (error.keyword) {
    case 'required':
      return { pointer: `${at}/${escape(String(p.missingProperty))}`, detail: `is required` };
    case 'additionalProperties':
      return { pointer: `${at}/${escape(String(p.additionalProperty))}`, detail: `is not an allowed property` };
    case 'enum':
      return {
        pointer: at,
        detail: `must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'const':
      return { pointer: at, detail: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'type':
      return { pointer: at, detail: `must be of type ${String(p.type)}` };
    case 'pattern':
      return { pointer: at, detail: `does not have the expected form (${String(p.pattern)})` };
    case 'format':
      return { pointer: at, detail: `must be a valid ${String(p.format)}` };
    default:
      return { pointer: at, detail: error.message ?? `fails ${error.keyword}` };
  }
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Turns ajv errors into `{pointer, detail}` problems, one per distinct pointer and sentence.
 * `if/then` and `anyOf` wrappers are dropped: their branches already say what is wrong.
 */
export function toProblems(errors: readonly ErrorObject[]): FieldProblem[] {
  const seen = new Set<string>();
  const out: FieldProblem[] = [];
  for (const error of errors) {
    if (error.keyword === 'if' || error.keyword === 'anyOf' || error.keyword === 'oneOf') continue;
    const problem = describe(error);
    const key = `${problem.pointer}\u0000${problem.detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(problem);
  }
  return out;
}
