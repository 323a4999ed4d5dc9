import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SchemaRegistry } from '../schemas/schema-registry.js';
import type { FieldProblem } from '../schemas/ajv-problems.js';

/** Each data/ folder and the schema its files follow. */
export const CATALOG_FOLDERS = {
  vendors: 'vendor.v1.schema.json',
  chips: 'chip.v1.schema.json',
  systems: 'system.v1.schema.json',
  models: 'model.v1.schema.json',
  software: 'software.v1.schema.json',
  declarations: 'declaration.v1.schema.json',
  stacks: 'stack-combination.v1.schema.json',
  'requirement-sets': 'requirement-set.v1.schema.json',
  benchmarks: 'benchmark.v1.schema.json',
} as const;

export type CatalogFolder = keyof typeof CATALOG_FOLDERS;

export interface CatalogFile {
  folder: CatalogFolder;
  /** Path relative to the data folder, e.g. `chips/huawei-ascend-910b.json`. */
  file: string;
  doc: Record<string, unknown>;
}

/**
 * Reads and schema-validates every record file under `dir`. Returns all files that passed
 * and every problem of those that did not (unreadable JSON, schema errors), so an import
 * can report them all at once.
 */
export function readCatalogFiles(
  dir: string,
  registry: SchemaRegistry,
  onFile?: (done: number, total: number) => void,
): { files: CatalogFile[]; problems: FieldProblem[] } {
  const files: CatalogFile[] = [];
  const problems: FieldProblem[] = [];
  if (!existsSync(dir)) {
    return { files, problems: [{ file: dir, pointer: '', detail: 'data folder does not exist' }] };
  }
  const work = (Object.keys(CATALOG_FOLDERS) as CatalogFolder[])
    .filter((folder) => existsSync(join(dir, folder)))
    .flatMap((folder) =>
      readdirSync(join(dir, folder))
        .filter((n) => n.endsWith('.json'))
        .sort()
        .map((name) => ({ folder, name })),
    );
  work.forEach(({ folder, name }, done) => {
    onFile?.(done, work.length);
    const file = `${folder}/${name}`;
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(join(dir, folder, name), 'utf8'));
    } catch (error) {
      problems.push({ file, pointer: '', detail: `is not valid JSON: ${(error as Error).message}` });
      return;
    }
    const found = registry.validate(CATALOG_FOLDERS[folder], doc);
    if (found.length) problems.push(...found.map((p) => ({ ...p, file })));
    else files.push({ folder, file, doc: doc as Record<string, unknown> });
  });
  onFile?.(work.length, work.length);
  return { files, problems };
}
