import type { CatalogRepository } from '../db/catalog-repository.js';
import type { CatalogWriter } from '../db/catalog-writer.js';
import { namesOf } from '../catalog/catalog-bundle.js';
import type { Chip, Model, RecordKind, System, Vendor } from '../domain/catalog-types.js';
import type { NameResolver } from '../domain/name-resolver.js';
import { SchemaViolationError } from '../errors.js';
import type { FieldProblem } from '../schemas/ajv-problems.js';
import type { SchemaRegistry } from '../schemas/schema-registry.js';

type CatalogRecord = Vendor | Chip | System | Model;

/** Admin edits of single catalog records, held to the same schemas and rules as data/. */
export function createCatalogAdminService(deps: {
  writer: CatalogWriter;
  schemas: SchemaRegistry;
  catalog: CatalogRepository;
  names: NameResolver;
  now: () => Date;
}) {
  const { writer } = deps;
  const references = (kind: RecordKind, doc: CatalogRecord): FieldProblem[] => {
    const wanted: Array<[string, RecordKind, string]> = [];
    if (kind === 'chip') wanted.push(['/vendor', 'vendor', (doc as Chip).vendor]);
    if (kind === 'system')
      wanted.push(['/vendor', 'vendor', (doc as System).vendor], ['/chip', 'chip', (doc as System).chip]);
    if (kind === 'model') wanted.push(['/publisher', 'vendor', (doc as Model).publisher]);
    return wanted
      .filter(([, k, id]) => !deps.catalog.get(k, id))
      .map(([pointer, k, id]) => ({ pointer, detail: `refers to unknown ${k} "${id}"` }));
  };
  const clashes = (kind: RecordKind, doc: CatalogRecord): FieldProblem[] =>
    namesOf(kind, doc).strong.flatMap((name) => {
      const owner = deps.names.find(kind, name);
      return owner && owner !== doc.id
        ? [{ pointer: '/aliases', detail: `name "${name}" already belongs to ${kind} "${owner}"` }]
        : [];
    });

  return {
    /** Creates or replaces the record at `id`; true when it was created. */
    put(kind: RecordKind, id: string, body: unknown, actor: string): { created: boolean; record: CatalogRecord } {
      const problems = deps.schemas.validate(`${kind}.v1.schema.json`, body);
      if (problems.length)
        throw new SchemaViolationError(`The ${kind} document is invalid; nothing was stored.`, problems);
      const doc = body as CatalogRecord;
      const semantic = [
        ...(doc.id !== id ? [{ pointer: '/id', detail: `must equal the id in the path ("${id}")` }] : []),
        ...references(kind, doc),
        ...clashes(kind, doc),
      ];
      if (semantic.length)
        throw new SchemaViolationError(`The ${kind} document is invalid; nothing was stored.`, semantic);
      const created = !deps.catalog.get(kind, id);
      writer.putRecord(kind, doc, actor, deps.now().toISOString());
      return { created, record: doc };
    },
  };
}

export type CatalogAdminService = ReturnType<typeof createCatalogAdminService>;
