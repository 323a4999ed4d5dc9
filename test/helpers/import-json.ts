import assert from 'node:assert/strict';
import { cli } from './run-cli.js';
import { schemas } from './test-app.js';

/** `chipreg evidence import FILE --json`: must succeed with a fragment valid against its public schema. */
export async function importJson(path: string, ...flags: string[]) {
  const run = await cli(['evidence', 'import', path, '--json', ...flags]);
  assert.equal(run.code, 0, run.stderr);
  const fragment = JSON.parse(run.stdout);
  assert.deepEqual(schemas.validate('evidence-fragment.v1.schema.json', fragment), []);
  return fragment;
}
