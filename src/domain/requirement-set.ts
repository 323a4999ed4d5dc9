/**
 * The requirement set as data (schemas/requirement-set.v1.schema.json): levels, flags and checks.
 * The loader is the only I/O of the level engine's modules.
 */
import { readFileSync } from 'node:fs';
import type { FieldProblem } from '../schemas/ajv-problems.js';
import type { SchemaRegistry } from '../schemas/schema-registry.js';
import type { DeviceClass, LevelId, PerformanceProfile, Precision, PrecisionClass } from './submission-document.js';
import {
  LEVELS,
  type AbsentEvidence,
  type Comparison,
  type DerivedMetric,
  type Scenario,
  type SubmissionSchemaId,
} from './vocabulary.js';
export type { SubmissionSchemaId };

export type { Comparison, DerivedMetric };

export const REQUIREMENT_SET_SCHEMA = 'requirement-set.v1.schema.json';

export type ThresholdValue = number | string | boolean | string[];

export interface ParamsBound {
  '<='?: number;
  '<'?: number;
  '>='?: number;
  '>'?: number;
}

export interface Condition {
  precisionClass?: PrecisionClass[];
  precision?: Precision[];
  deviceClass?: DeviceClass[];
  profile?: PerformanceProfile[];
  paramsB?: ParamsBound;
}

export interface ConditionalThreshold {
  when: Condition;
  value: ThresholdValue;
  label: string;
}

/** What checks and flags share: where the value comes from and what it is compared with. */
export interface Rule {
  evidence: string;
  comparison: Comparison;
  threshold?: ThresholdValue;
  thresholds?: ConditionalThreshold[];
}

export interface Check extends Rule {
  id: string;
  level: LevelId;
  title: string;
  description: string;
  subject: string;
  unit?: string;
  format?: 'number' | 'fraction';
  appliesWhen?: Condition;
  preview?: boolean;
  messages?: { pass?: string; fail?: string };
}

export interface Flag extends Rule {
  level: LevelId;
  description: string;
}

export interface LevelDefinition {
  id: LevelId;
  name: string;
  description: string;
  validityMonths: number | null;
}

export const SUBMISSION_V1: SubmissionSchemaId = 'chipreg/submission/v1';
export const SUBMISSION_V2: SubmissionSchemaId = 'chipreg/submission/v2';

export interface RequirementSet {
  id: string;
  title: string;
  description?: string;
  effective: string;
  /** The document schema the set judges; absent = v1. */
  submissionSchema?: SubmissionSchemaId;
  /** What missing evidence becomes; absent = `fail` (2026.1). */
  absentEvidence?: AbsentEvidence;
  /** v2: the operating-point scenarios each profile reads. */
  profiles?: Partial<Record<PerformanceProfile, Scenario[]>>;
  levels: LevelDefinition[];
  flags: { highAccuracy: Flag };
  checks: Check[];
}

/** What the schema cannot say: levels in order L0..L4, unique check ids, ids prefixed by their level. */
export function requirementSetProblems(set: RequirementSet): FieldProblem[] {
  const problems: FieldProblem[] = [];
  set.levels.forEach((level, i) => {
    if (level.id !== LEVELS[i])
      problems.push({
        pointer: `/levels/${i}/id`,
        detail: `must be ${LEVELS[i]} (levels are listed in order L0..L4)`,
      });
  });
  const seen = new Set<string>();
  set.checks.forEach((check, i) => {
    if (seen.has(check.id)) problems.push({ pointer: `/checks/${i}/id`, detail: `duplicate check id "${check.id}"` });
    seen.add(check.id);
    if (!check.id.startsWith(`${check.level.toLowerCase()}.`)) {
      problems.push({
        pointer: `/checks/${i}/id`,
        detail: `check "${check.id}" belongs to ${check.level}, so its id must start with "${check.level.toLowerCase()}."`,
      });
    }
  });
  return problems;
}

/**
 * Reads a requirement set file, validates it against the schema and the rules above, and
 * returns it. Throws one Error listing every problem, each at its JSON pointer.
 */
export function loadRequirementSet(path: string, registry: SchemaRegistry): RequirementSet {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`requirement set ${path} cannot be read: ${(error as Error).message}`);
  }
  const problems = registry.validate(REQUIREMENT_SET_SCHEMA, doc);
  if (!problems.length) problems.push(...requirementSetProblems(doc as RequirementSet));
  if (problems.length) {
    const lines = problems.map((p) => `  ${p.pointer || '/'}: ${p.detail}`);
    throw new Error(
      `requirement set ${path} is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`,
    );
  }
  return doc as RequirementSet;
}

/** The document schema a set judges. */
export const judgedSchema = (set: Pick<RequirementSet, 'submissionSchema'>): SubmissionSchemaId =>
  set.submissionSchema ?? SUBMISSION_V1;

/** Months a certification at `level` stays valid under `set`; null when it does not expire (or the level is unknown). */
export function validityMonths(set: RequirementSet, level: string): number | null {
  return set.levels.find((l) => l.id === level)?.validityMonths ?? null;
}
