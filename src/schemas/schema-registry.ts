import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { schemasDir } from '../package-root.js';
import { toProblems, type FieldProblem } from './ajv-problems.js';

// ajv-formats ships CommonJS; under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export const SCHEMA_BASE = 'https://chipreg.dev/schemas/';

export interface SchemaRegistry {
  /** Every schema document by its file path relative to schemas/ (e.g. `chip.v1.schema.json`). */
  readonly files: ReadonlyMap<string, object>;
  /** Validates `doc` against the schema with that file name; returns every problem, never only the first. */
  validate(file: string, doc: unknown): FieldProblem[];
  validator(file: string): ValidateFunction;
}

function listJson(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listJson(path);
    return entry.name.endsWith('.json') ? [path] : [];
  });
}

/** Loads every schema under `dir` once into one strict Ajv (2020-12, all errors, formats). */
export function createSchemaRegistry(dir = schemasDir()): SchemaRegistry {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, useDefaults: false });
  addFormats(ajv);
  ajv.addKeyword({ keyword: 'x-chipreg' });
  const files = new Map<string, object>();
  for (const path of listJson(dir).sort()) {
    const schema = JSON.parse(readFileSync(path, 'utf8')) as object;
    files.set(relative(dir, path).split('\\').join('/'), schema);
    ajv.addSchema(schema);
  }
  const cache = new Map<string, ValidateFunction>();
  const validator = (file: string): ValidateFunction => {
    let fn = cache.get(file);
    if (!fn) {
      fn = ajv.getSchema(SCHEMA_BASE + file);
      if (!fn) throw new Error(`chipreg: no schema ${file}`);
      cache.set(file, fn);
    }
    return fn;
  };
  return {
    files,
    validator,
    validate(file, doc) {
      const fn = validator(file);
      return fn(doc) ? [] : toProblems(fn.errors ?? []);
    },
  };
}
