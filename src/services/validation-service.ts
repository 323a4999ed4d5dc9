import type { CatalogRepository } from '../db/catalog-repository.js';
import { indexBenchmarks, type BenchmarkIndex } from '../domain/benchmarks.js';
import { deepFreeze } from '../domain/deep-freeze.js';
import type { Chip, Model, RecordKind, System } from '../domain/catalog-types.js';
import { documentPrecision, evaluateLevel, type LevelReport } from '../domain/level-engine.js';
import type { AnyDocument } from '../domain/level-metrics.js';
import type { NameResolver } from '../domain/name-resolver.js';
import { judgedSchema, type RequirementSet } from '../domain/requirement-set.js';
import type { SubmissionDocument } from '../domain/submission-document.js';
import type { SubmissionV2 } from '../domain/submission-v2.js';
import { explainFractionProblem, v2DocumentProblems } from '../domain/v2-document-problems.js';
import type { Precision } from '../domain/vocabulary.js';
import { SUBMISSION_SCHEMAS } from '../domain/vocabulary.js';
import { NotFoundError } from '../errors.js';
import type { FieldProblem } from '../schemas/ajv-problems.js';
import type { SchemaRegistry } from '../schemas/schema-registry.js';
import type { ComponentDirectory } from '../domain/component-directory.js';
import { compareVersions, parseVersion } from '../domain/vendor-version.js';

/** An answer lists at most this many problems; `errorsTotal` counts them all. */
export const MAX_ERRORS = 100;

export interface ValidationReport {
  valid: boolean;
  errors: FieldProblem[];
  /** Present when more problems were found than `errors` lists. */
  errorsTotal?: number;
  level: LevelReport | null;
  /** Stack components or versions the catalog does not know (with suggestions); present only when there are some. */
  warnings?: Array<FieldProblem & { suggestions?: Array<{ id: string; name: string }> }>;
}

/** What a valid document's references resolve to, for the submission path. */
export interface ResolvedDocument {
  doc: AnyDocument;
  /** The submitting organisation (v1: the vendor). */
  vendor: string;
  /** The organisation that measured (v2 `measuredBy`, default the submitter). */
  measuredBy: string;
  model: Model;
  chip: Chip;
  system: System | null;
  precision: Precision | null;
  requirementSet: RequirementSet;
}

/** Who presents the document: the organisation of its key, or nobody (a dry run without a key). */
export interface Presenter {
  organization: string | null;
}

const SCHEMA_FILE = {
  'chipreg/submission/v1': 'submission.v1.schema.json',
  'chipreg/submission/v2': 'submission.v2.schema.json',
} as const;

/** Caps a problem list so a huge invalid document cannot make a huge answer. */
export function capErrors(errors: FieldProblem[]): Pick<ValidationReport, 'errors' | 'errorsTotal'> {
  return errors.length > MAX_ERRORS ? { errors: errors.slice(0, MAX_ERRORS), errorsTotal: errors.length } : { errors };
}

const invalid = (errors: FieldProblem[]) => ({
  report: { valid: false, ...capErrors(errors), level: null } as ValidationReport,
  resolved: null,
});

function valueAt(doc: unknown, pointer: string): unknown {
  let node: unknown = doc;
  for (const key of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

/**
 * Structure before semantics: the schema the document names (v1 or v2) first; then the references
 * (organisations, model, chip, system, requirement set) against the catalog, and for v2 what no
 * schema can say (placeholders, benchmark ranges, unit plausibility); then the level engine.
 * Evidence that falls short of a level is not an error: the document is valid and earns a lower level.
 */
export function createValidationService(deps: {
  schemas: SchemaRegistry;
  names: NameResolver;
  catalog: CatalogRepository;
  /** Canonical stack component names; unknown names and versions are warned about, not refused. */
  components?: () => ComponentDirectory;
  /** The data revision: catalog records and requirement sets are read once per revision when given. */
  revision?: () => number;
}) {
  // Every write bumps the data revision, so within one revision a name resolves to the same record and
  // an id to the same requirement set: each is read (and parsed) once, not on every request. Frozen,
  // since every request shares them; bounded, since the names are whatever documents say.
  const MEMO_KEPT = 1_000;
  type Memo = { revision: number; records: Map<string, unknown>; sets: Map<string, RequirementSet | null> };
  let memo: Memo | null = null;
  const memoFor = (): Memo | null => {
    if (!deps.revision) return null;
    const revision = deps.revision();
    if (memo?.revision !== revision || memo.records.size + memo.sets.size > MEMO_KEPT)
      memo = { revision, records: new Map(), sets: new Map() };
    return memo;
  };
  const requirementSetOf = (id: string, m: Memo | null): RequirementSet | null => {
    if (m?.sets.has(id)) return m.sets.get(id)!;
    const set = deps.catalog.requirementSet(id) as RequirementSet | null;
    m?.sets.set(id, set);
    return set;
  };
  const stackWarnings = (
    stack: ReadonlyArray<{ name: string; version?: string }>,
    vendor: string,
  ): NonNullable<ValidationReport['warnings']> => {
    const directory = deps.components?.();
    if (!directory) return [];
    return stack.flatMap((c, i) => {
      const entry = directory.resolve(c.name, vendor);
      if (!entry) {
        const suggestions = directory.suggest(c.name);
        return [
          {
            pointer: `/deployment/stack/${i}/name`,
            detail: `"${c.name}" is not a known stack component${
              suggestions.length ? `; did you mean ${suggestions.map((s) => s.name).join(', ')}?` : ''
            }`,
            ...(suggestions.length ? { suggestions } : {}),
          },
        ];
      }
      const known = directory.knownVersions(entry.id);
      const version = c.version;
      if (!version || !parseVersion(version) || known.some((k) => compareVersions(k, version) === 0)) return [];
      return [
        {
          pointer: `/deployment/stack/${i}/version`,
          detail: `${entry.name} ${version} is not a version the catalog knows; known versions: ${known.join(', ') || 'none'}`,
        },
      ];
    });
  };
  const read = <T>(kind: RecordKind, input: string): T | NotFoundError => {
    try {
      return deps.catalog.get<T>(kind, deps.names.resolve(kind, input)) as T;
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      return error;
    }
  };
  let current: Memo | null = null;
  const lookup = <T>(kind: RecordKind, input: string, pointer: string, problems: FieldProblem[]): T | null => {
    const key = `${kind}\u0000${input}`;
    let found = current?.records.get(key) as T | NotFoundError | undefined;
    if (found === undefined) {
      found = read<T>(kind, input);
      current?.records.set(key, found instanceof NotFoundError ? found : deepFreeze(found));
    }
    if (!(found instanceof NotFoundError)) return found;
    problems.push({ pointer, detail: found.message });
    return null;
  };
  let benchmarkIndex: { source: readonly unknown[]; index: BenchmarkIndex } | null = null;
  const benchmarks = (): BenchmarkIndex => {
    const list = deps.catalog.benchmarks();
    if (benchmarkIndex?.source !== list) benchmarkIndex = { source: list, index: indexBenchmarks(list) };
    return benchmarkIndex.index;
  };

  /** L0's identity check: judged only with a key; with one, the key's organisation must be the submitter. */
  const identity = (presenter: Presenter, submitter: string) =>
    presenter.organization === null
      ? {
          authenticatedSubmitter: null,
          submitterDetail: `no key was presented, so the submitter "${submitter}" cannot be identified; with a key of that organisation this check is judged`,
        }
      : presenter.organization === submitter
        ? { authenticatedSubmitter: true, submitterDetail: `submitted with a key of ${submitter}` }
        : {
            authenticatedSubmitter: false,
            submitterDetail: ` (the key belongs to ${presenter.organization}, the document names ${submitter})`,
          };

  function check(
    input: unknown,
    presenter: Presenter,
  ): { report: ValidationReport; resolved: ResolvedDocument | null } {
    const schemaId = (input as { schema?: unknown } | null)?.schema;
    if (typeof schemaId !== 'string' || !(SUBMISSION_SCHEMAS as readonly string[]).includes(schemaId)) {
      // A document naming no known schema is checked against v1, the schema it most likely meant.
      const problems = deps.schemas.validate(SCHEMA_FILE['chipreg/submission/v1'], input);
      return invalid(
        problems.map((p) =>
          p.pointer === '/schema'
            ? { pointer: '/schema', detail: `must be one of: ${SUBMISSION_SCHEMAS.join(', ')}` }
            : p,
        ),
      );
    }
    const v2 = schemaId === 'chipreg/submission/v2';
    current = memoFor();
    const schemaProblems = deps.schemas.validate(SCHEMA_FILE[schemaId as keyof typeof SCHEMA_FILE], input);
    if (schemaProblems.length)
      return invalid(
        v2 ? schemaProblems.map((p) => explainFractionProblem(p, (at) => valueAt(input, at))) : schemaProblems,
      );

    const doc = input as AnyDocument;
    const problems: FieldProblem[] = [];
    const submitterRef = v2
      ? (doc as SubmissionV2).submitter.organization
      : (doc as SubmissionDocument).submitter.vendor;
    const submitterPointer = v2 ? '/submitter/organization' : '/submitter/vendor';
    const vendor = lookup<{ id: string }>('vendor', submitterRef, submitterPointer, problems);
    const measuredBy =
      v2 && (doc as SubmissionV2).measuredBy
        ? lookup<{ id: string }>('vendor', (doc as SubmissionV2).measuredBy!, '/measuredBy', problems)
        : vendor;
    const reproductionBy = doc.evidence?.reproduction?.by;
    let reproducedBy: string | null = null;
    if (reproductionBy !== undefined) {
      if (v2)
        reproducedBy =
          lookup<{ id: string }>('vendor', reproductionBy, '/evidence/reproduction/by', problems)?.id ?? null;
      // v1 names the re-running party in free text: an organisation of the catalog is compared by identity.
      else reproducedBy = deps.names.find('vendor', reproductionBy);
    }
    const model = lookup<Model>('model', doc.deployment.model.id, '/deployment/model/id', problems);
    const chip = lookup<Chip>('chip', doc.deployment.chip, '/deployment/chip', problems);
    const system = doc.deployment.system
      ? lookup<System>('system', doc.deployment.system, '/deployment/system', problems)
      : null;
    if (system && chip && system.chip !== chip.id) {
      problems.push({
        pointer: '/deployment/system',
        detail: `system "${system.id}" is built on chip "${system.chip}", not "${chip.id}"`,
      });
    }
    const set = requirementSetOf(doc.requirementSet, current);
    if (!set)
      problems.push({ pointer: '/requirementSet', detail: `no requirement set "${doc.requirementSet}" is known` });
    else if (judgedSchema(set) !== schemaId)
      problems.push({
        pointer: '/requirementSet',
        detail: `requirement set "${set.id}" judges ${judgedSchema(set)} documents, not ${schemaId}`,
      });
    if (v2) problems.push(...v2DocumentProblems(doc as SubmissionV2, benchmarks()));
    if (problems.length || !vendor || !measuredBy || !model || !chip || !set) return invalid(problems);

    // A chip whose device class no source states is held to the strictest (datacenter) profiles.
    const level = evaluateLevel(set, doc, {
      deviceClass: chip.deviceClass ?? 'datacenter',
      parametersB: model.parametersB ?? null,
      ...identity(presenter, vendor.id),
      organizations: reproducedBy ? { measuredBy: measuredBy.id, reproducedBy } : undefined,
      benchmarks: benchmarks(),
    });
    const warnings = stackWarnings(doc.deployment.stack ?? [], chip.vendor);
    return {
      report: { valid: true, errors: [], level, ...(warnings.length ? { warnings } : {}) },
      resolved: {
        doc,
        vendor: vendor.id,
        measuredBy: measuredBy.id,
        model,
        chip,
        system,
        precision: documentPrecision(doc),
        requirementSet: set,
      },
    };
  }

  return {
    check,
    /** The dry run: without a key the submitter's identity is reported unjudged; with a key it is judged as that organisation. */
    validate: (input: unknown, presenter: Presenter = { organization: null }) => check(input, presenter).report,
  };
}

export type ValidationService = ReturnType<typeof createValidationService>;
