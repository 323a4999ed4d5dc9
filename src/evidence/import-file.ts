import { UnreadableToolOutputError } from '../errors.js';
import type { SchemaRegistry } from '../schemas/schema-registry.js';
import type { ImportFragment } from './fragment.js';
import { importToolOutput, type ImportOptions } from './import-tool-output.js';

export const FRAGMENT_SCHEMA = 'evidence-fragment.v1.schema.json';

/**
 * Imports one raw tool output and checks the fragment against its public schema, so a file whose
 * numbers are impossible (negative counts, a zero duration) is refused like a damaged one.
 */
export function importChecked(
  raw: Buffer,
  file: string,
  schemas: SchemaRegistry,
  options: ImportOptions = {},
): ImportFragment {
  const fragment = importToolOutput(raw, file, options);
  const problems = schemas.validate(FRAGMENT_SCHEMA, fragment);
  if (problems.length)
    throw new UnreadableToolOutputError(
      `${file} is not a readable ${fragment.format} file: it states values no run can have`,
      problems,
    );
  return fragment;
}
