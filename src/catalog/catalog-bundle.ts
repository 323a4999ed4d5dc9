import type { Chip, Declaration, Model, RecordKind, Software, System, Vendor } from '../domain/catalog-types.js';
import { nameKey } from '../domain/name-key.js';
import type { FieldProblem } from '../schemas/ajv-problems.js';
import type { StackCombination } from '../domain/stack-compatibility.js';
import { stackCombinationProblems } from './stack-combination-checks.js';
import type { CatalogFile } from './read-catalog-files.js';

export interface CatalogBundle {
  vendors: Vendor[];
  chips: Chip[];
  systems: System[];
  models: Model[];
  software: Software[];
  declarations: Declaration[];
  stacks: StackCombination[];
  requirementSets: Array<{ id: string; doc: Record<string, unknown> }>;
  benchmarks: Array<{ id: string; doc: Record<string, unknown> }>;
}

export interface AliasRow {
  kind: RecordKind;
  key: string;
  recordId: string;
  name: string;
}

/** The names a record answers to: its id, display names and declared aliases. */
export function namesOf(kind: RecordKind, doc: Vendor | Chip | System | Model): { strong: string[]; weak: string[] } {
  const strong = [doc.id, ...(doc.aliases ?? [])];
  if (kind === 'model' && (doc as Model).repository) strong.push((doc as Model).repository!);
  const weak = [doc.nameEn, doc.nameZh].filter((n): n is string => !!n);
  return { strong, weak };
}

/**
 * Alias rows for every record. Ids and declared aliases must be unique per kind (a clash is a
 * problem); a display name two records share is ambiguous and is left out, so looking it up
 * answers 404 with both as suggestions instead of silently picking one.
 */
export function buildAliases(
  records: Array<{ kind: RecordKind; doc: Vendor | Chip | System | Model; file?: string }>,
): { aliases: AliasRow[]; problems: FieldProblem[] } {
  const strong = new Map<string, AliasRow & { file?: string }>();
  const weak = new Map<string, AliasRow | null>();
  const problems: FieldProblem[] = [];
  for (const { kind, doc, file } of records) {
    const names = namesOf(kind, doc);
    for (const name of names.strong) {
      const key = `${kind}\u0000${nameKey(name)}`;
      const prior = strong.get(key);
      if (prior && prior.recordId !== doc.id) {
        problems.push({
          file,
          pointer: '/aliases',
          detail: `name "${name}" is already used by ${kind} "${prior.recordId}"`,
        });
      } else strong.set(key, { kind, key: nameKey(name), recordId: doc.id, name, file });
    }
    for (const name of names.weak) {
      const key = `${kind}\u0000${nameKey(name)}`;
      const prior = weak.get(key);
      weak.set(
        key,
        prior === undefined || prior?.recordId === doc.id ? { kind, key: nameKey(name), recordId: doc.id, name } : null,
      );
    }
  }
  const rows = [...strong.values()].map(({ file: _file, ...row }) => row);
  for (const [key, row] of weak) if (row && !strong.has(key)) rows.push(row);
  return { aliases: rows, problems };
}

/** Groups validated files into a bundle and checks what no schema can: ids match file names, ids are unique, references resolve. */
export function bundleCatalog(files: CatalogFile[]): { bundle: CatalogBundle; problems: FieldProblem[] } {
  const bundle: CatalogBundle = {
    vendors: [],
    chips: [],
    systems: [],
    models: [],
    software: [],
    declarations: [],
    stacks: [],
    requirementSets: [],
    benchmarks: [],
  };
  const problems: FieldProblem[] = [];
  const ids = new Map<string, Set<string>>();
  const fileOf = new Map<object, string>();
  for (const { folder, file, doc } of files) {
    const id = String(doc.id);
    if (file !== `${folder}/${id}.json`)
      problems.push({ file, pointer: '/id', detail: `must match the file name (expected ${folder}/${id}.json)` });
    const seen = ids.get(folder) ?? new Set<string>();
    if (seen.has(id)) problems.push({ file, pointer: '/id', detail: `duplicate ${folder} id "${id}"` });
    seen.add(id);
    ids.set(folder, seen);
    fileOf.set(doc, file);
    if (folder === 'requirement-sets') bundle.requirementSets.push({ id, doc });
    else if (folder === 'benchmarks') bundle.benchmarks.push({ id, doc });
    else (bundle[folder] as unknown[]).push(doc);
  }
  const has = (folder: string, id: string | null | undefined) => id == null || (ids.get(folder)?.has(id) ?? false);
  const ref = (doc: object, pointer: string, folder: string, id: string | null | undefined) => {
    if (!has(folder, id))
      problems.push({ file: fileOf.get(doc), pointer, detail: `refers to unknown ${folder} "${id}"` });
  };
  for (const c of bundle.chips) ref(c, '/vendor', 'vendors', c.vendor);
  for (const s of bundle.systems) (ref(s, '/vendor', 'vendors', s.vendor), ref(s, '/chip', 'chips', s.chip));
  for (const m of bundle.models) ref(m, '/publisher', 'vendors', m.publisher);
  for (const s of bundle.software) ref(s, '/vendor', 'vendors', s.vendor);
  for (const d of bundle.declarations) {
    ref(d, '/model', 'models', d.model);
    ref(d, '/chip', 'chips', d.chip);
    ref(d, '/system', 'systems', d.system);
  }
  problems.push(...stackCombinationProblems(bundle, (doc) => fileOf.get(doc)));
  const records = [
    ...bundle.vendors.map((doc) => ({ kind: 'vendor' as const, doc, file: fileOf.get(doc) })),
    ...bundle.chips.map((doc) => ({ kind: 'chip' as const, doc, file: fileOf.get(doc) })),
    ...bundle.systems.map((doc) => ({ kind: 'system' as const, doc, file: fileOf.get(doc) })),
    ...bundle.models.map((doc) => ({ kind: 'model' as const, doc, file: fileOf.get(doc) })),
  ];
  problems.push(...buildAliases(records).problems);
  return { bundle, problems };
}
