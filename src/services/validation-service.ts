import type { CatalogRepository } from '../db/catalog-repository.js';
import type { Chip, Model, RecordKind, System } from '../domain/catalog-types.js';
import { evaluateLevel, type LevelReport } from '../domain/level-engine.js';
import type { NameResolver } from '../domain/name-resolver.js';
import type { RequirementSet } from '../domain/requirement-set.js';
import type { SubmissionDocument } from '../domain/submission-document.js';
import { NotFoundError } from '../errors.js';
import type { FieldProblem } from '../schemas/ajv-problems.js';
import type { SchemaRegistry } from '../schemas/schema-registry.js';
import type { ComponentDirectory } from '../domain/component-directory.js';
import { compareVersions, parseVersion } from '../domain/vendor-version.js';

export interface ValidationReport {
  valid: boolean;
  errors: FieldProblem[];
  level: LevelReport | null;
  /** Stack components or versions the catalog does not know (with suggestions); present only when there are some. */
  warnings?: Array<FieldProblem & { suggestions?: Array<{ id: string; name: string }> }>;
}

/** What a valid document's references resolve to, for the submission path. */
export interface ResolvedDocument {
  doc: SubmissionDocument;
  vendor: string;
  model: Model;
  chip: Chip;
  system: System | null;
  requirementSet: RequirementSet;
}

/**
 * Structure before semantics: the schema first; then the references (vendor, model, chip,
 * system, requirement set) against the catalog; then the level engine. Evidence that falls
 * short of a level is not an error: the document is valid and earns a lower level.
 */
export function createValidationService(deps: {
  schemas: SchemaRegistry;
  names: NameResolver;
  catalog: CatalogRepository;
  /** Canonical stack component names; unknown names and versions are warned about, not refused. */
  components?: () => ComponentDirectory;
}) {
  const stackWarnings = (doc: SubmissionDocument, vendor: string): NonNullable<ValidationReport['warnings']> => {
    const directory = deps.components?.();
    if (!directory) return [];
    return doc.deployment.stack.flatMap((c, i) => {
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
      if (!parseVersion(c.version) || known.some((k) => compareVersions(k, c.version) === 0)) return [];
      return [
        {
          pointer: `/deployment/stack/${i}/version`,
          detail: `${entry.name} ${c.version} is not a version the catalog knows; known versions: ${known.join(', ') || 'none'}`,
        },
      ];
    });
  };
  const lookup = <T>(kind: RecordKind, input: string, pointer: string, problems: FieldProblem[]): T | null => {
    try {
      return deps.catalog.get<T>(kind, deps.names.resolve(kind, input));
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      problems.push({ pointer, detail: error.message });
      return null;
    }
  };

  function check(
    input: unknown,
    context: { authenticatedSubmitter: boolean },
  ): { report: ValidationReport; resolved: ResolvedDocument | null } {
    const schemaProblems = deps.schemas.validate('submission.v1.schema.json', input);
    if (schemaProblems.length) return { report: { valid: false, errors: schemaProblems, level: null }, resolved: null };
    const doc = input as SubmissionDocument;
    const problems: FieldProblem[] = [];
    const vendor = lookup<{ id: string }>('vendor', doc.submitter.vendor, '/submitter/vendor', problems);
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
    const set = deps.catalog.requirementSet(doc.requirementSet) as RequirementSet | null;
    if (!set)
      problems.push({ pointer: '/requirementSet', detail: `no requirement set "${doc.requirementSet}" is known` });
    if (problems.length || !vendor || !model || !chip || !set)
      return { report: { valid: false, errors: problems, level: null }, resolved: null };
    // A chip whose device class no source states is held to the strictest (datacenter) profiles.
    const level = evaluateLevel(set, doc, {
      deviceClass: chip.deviceClass ?? 'datacenter',
      parametersB: model.parametersB ?? null,
      authenticatedSubmitter: context.authenticatedSubmitter,
    });
    const warnings = stackWarnings(doc, chip.vendor);
    return {
      report: { valid: true, errors: [], level, ...(warnings.length ? { warnings } : {}) },
      resolved: { doc, vendor: vendor.id, model, chip, system, requirementSet: set },
    };
  }

  return {
    check,
    /** The dry run answers what the document would earn when its vendor submits it with a key. */
    validate: (input: unknown) => check(input, { authenticatedSubmitter: true }).report,
  };
}

export type ValidationService = ReturnType<typeof createValidationService>;
