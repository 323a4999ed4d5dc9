import { parse } from 'yaml';
import { InvalidInputError } from '../errors.js';

/**
 * The part of a v2 submission a person writes: who submits, what was deployed, the evidence no
 * tool file holds (functional results, run counts, the profile). `evidence assemble` adds the
 * operating points, benchmark scores and artifacts it imports.
 */
export type Description = Record<string, unknown> & {
  evidence?: Record<string, unknown>;
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A description from the text of a YAML or JSON file (YAML is a superset of JSON). */
export function parseDescription(text: string, path: string): Description {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new InvalidInputError(`${path}: not valid YAML or JSON (${(error as Error).message.split('\n')[0]})`);
  }
  if (!isObject(value))
    throw new InvalidInputError(`${path}: a deployment description is a mapping (YAML) or object (JSON)`);
  return value;
}

/** `b` over `a`, object by object; arrays and scalars of `b` replace those of `a`. */
export function overlay(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    if (value === undefined) continue;
    out[key] = isObject(value) && isObject(out[key]) ? overlay(out[key] as Record<string, unknown>, value) : value;
  }
  return out;
}
