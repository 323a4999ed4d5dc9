import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { schemasDir } from '../../src/package-root.js';
import * as vocabulary from '../../src/domain/vocabulary.js';

/**
 * Specification: every `enum` of the public JSON Schemas is one of the code's vocabularies in
 * src/domain/vocabulary.ts, value for value and in the same order. A new enum in a schema must be
 * registered here with the constant the code uses, so the contract and the code cannot drift.
 */

type Vocabulary = readonly string[];

/** `file#pointer` of each enum → the constant it must equal. */
const ENUMS: Record<string, Vocabulary> = {
  'common.v1.schema.json#/$defs/deviceClass/enum': vocabulary.DEVICE_CLASSES,
  'common.v1.schema.json#/$defs/precision/enum': vocabulary.PRECISIONS,
  'common.v1.schema.json#/$defs/deploymentForm/enum': vocabulary.DEPLOYMENT_FORMS,
  'common.v1.schema.json#/$defs/level/enum': vocabulary.LEVELS,
  'common.v1.schema.json#/$defs/componentKind/enum': vocabulary.COMPONENT_KINDS,
  'common.v1.schema.json#/$defs/channel/enum': vocabulary.CHANNELS,
  'common.v1.schema.json#/$defs/confidence/enum': vocabulary.CONFIDENCES,
  'vendor.v1.schema.json#/properties/roles/items/enum': vocabulary.VENDOR_ROLES,
  'model.v1.schema.json#/properties/modality/enum': vocabulary.MODALITIES,
  'certification.v1.schema.json#/properties/origin/enum': vocabulary.CERTIFICATION_ORIGINS,
  'certification.v1.schema.json#/properties/status/enum': vocabulary.CERTIFICATION_STATUSES,
  'certification.v1.schema.json#/properties/evidence/properties/checks/items/properties/status/enum':
    vocabulary.CHECK_OUTCOMES,
  'submission-record.v1.schema.json#/properties/status/enum': vocabulary.SUBMISSION_STATUSES,
  'submission-record.v1.schema.json#/properties/decision/oneOf/0/properties/decision/enum': vocabulary.DECISIONS,
  'submission.v1.schema.json#/$defs/performance/properties/profile/enum': vocabulary.PERFORMANCE_PROFILES,
  'submission.v1.schema.json#/$defs/artifact/properties/kind/enum': vocabulary.ARTIFACT_KINDS,
  'requirement-set.v1.schema.json#/$defs/evidence/anyOf/1/enum': vocabulary.DERIVED_METRICS,
  'requirement-set.v1.schema.json#/$defs/comparison/enum': vocabulary.COMPARISONS,
  'requirement-set.v1.schema.json#/$defs/condition/properties/precisionClass/items/enum': vocabulary.PRECISION_CLASSES,
  'requirement-set.v1.schema.json#/$defs/condition/properties/profile/items/enum': vocabulary.PERFORMANCE_PROFILES,
  'requirement-set.v1.schema.json#/$defs/format/enum': vocabulary.VALUE_FORMATS,
  'level-report.v1.schema.json#/$defs/checkResult/properties/status/enum': vocabulary.CHECK_OUTCOMES,
  'responses/verification.v1.schema.json#/properties/status/oneOf/0/enum': vocabulary.CERTIFICATION_STATUSES,
  'responses/certification-proof.v1.schema.json#/properties/status/enum': vocabulary.CERTIFICATION_STATUSES,
  'responses/revocation-list.v1.schema.json#/properties/revocations/properties/items/items/properties/status/enum':
    vocabulary.REVOKED_STATUSES,
  'responses/search.v1.schema.json#/properties/items/items/properties/kind/enum': vocabulary.SEARCH_KINDS,
  'responses/compatibility.v1.schema.json#/properties/verdict/enum': vocabulary.VERDICTS,
  'responses/compatibility.v1.schema.json#/properties/matches/items/properties/match/enum': vocabulary.STACK_MATCHES,
  'responses/compatibility.v1.schema.json#/$defs/difference/properties/field/enum': vocabulary.DIFFERENCE_FIELDS,
  'evidence-fragment.v1.schema.json#/$defs/operatingPoint/properties/scenario/enum': vocabulary.SCENARIOS,
  'evidence-fragment.v1.schema.json#/$defs/benchmarkScore/properties/scale/enum': vocabulary.SCORE_SCALES,
  'benchmark.v1.schema.json#/properties/direction/enum': vocabulary.BENCHMARK_DIRECTIONS,
  'benchmark.v1.schema.json#/$defs/scale/enum': vocabulary.SCORE_SCALES,
  'requirement-set.v1.schema.json#/properties/submissionSchema/enum': vocabulary.SUBMISSION_SCHEMAS,
  'responses/requirement-set-list.v1.schema.json#/properties/items/items/properties/submissionSchema/enum':
    vocabulary.SUBMISSION_SCHEMAS,
  'requirement-set.v1.schema.json#/properties/absentEvidence/enum': vocabulary.ABSENT_EVIDENCE,
  'submission.v2.schema.json#/$defs/scenario/enum': vocabulary.SCENARIOS,
  'submission.v2.schema.json#/$defs/dtype/enum': vocabulary.DTYPES,
  'submission.v2.schema.json#/$defs/performance/properties/profile/enum': vocabulary.PERFORMANCE_PROFILES,
  'submission.v2.schema.json#/$defs/artifact/properties/kind/enum': vocabulary.ARTIFACT_KINDS,
  'headline.v1.schema.json#/properties/scenario/enum': vocabulary.SCENARIOS,
  'responses/certification-list.v1.schema.json#/properties/precision/properties/rule/enum':
    vocabulary.PRECISION_MATCH_RULES,
  'responses/compatibility.v1.schema.json#/properties/precision/properties/rule/enum': vocabulary.PRECISION_MATCH_RULES,
  'level-report.v1.schema.json#/properties/performance/properties/profile/enum': vocabulary.PERFORMANCE_PROFILES,
  'responses/identify.v1.schema.json#/properties/formats/items/enum': vocabulary.INPUT_FORMATS,
  'stack-combination.v1.schema.json#/properties/status/enum': vocabulary.STACK_STATUSES,
  'responses/stack-check.v1.schema.json#/properties/verdict/enum': vocabulary.STACK_VERDICTS,
  'responses/stack-check.v1.schema.json#/$defs/citation/properties/status/enum': vocabulary.STACK_STATUSES,
  'responses/upgrade-path.v1.schema.json#/properties/basis/oneOf/0/enum': vocabulary.UPGRADE_BASES,
  'responses/upgrade-path.v1.schema.json#/properties/steps/items/properties/action/enum': vocabulary.UPGRADE_ACTIONS,
  'responses/upgrade-path.v1.schema.json#/properties/steps/items/properties/because/properties/kind/enum':
    vocabulary.UPGRADE_REASONS,
  'responses/upgrade-path.v1.schema.json#/properties/resultingStack/oneOf/0/properties/verdict/enum':
    vocabulary.STACK_VERDICTS,
};

/** Enums of a single fixed value (a document's own name, a signature algorithm) are constants, not vocabularies. */
const isSingleton = (values: unknown[]) => values.length === 1;

function schemaFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? schemaFiles(join(dir, entry.name))
      : entry.name.endsWith('.schema.json')
        ? [join(dir, entry.name)]
        : [],
  );
}

function collectEnums(node: unknown, pointer: string, found: Map<string, unknown[]>): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => collectEnums(item, `${pointer}/${i}`, found));
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    const here = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    if (key === 'enum' && Array.isArray(value)) found.set(here, value);
    else collectEnums(value, here, found);
  }
}

function schemaEnums(): Map<string, unknown[]> {
  const found = new Map<string, unknown[]>();
  for (const file of schemaFiles(schemasDir())) {
    const perFile = new Map<string, unknown[]>();
    collectEnums(JSON.parse(readFileSync(file, 'utf8')), '', perFile);
    const name = relative(schemasDir(), file).split('\\').join('/');
    for (const [pointer, values] of perFile) if (!isSingleton(values)) found.set(`${name}#${pointer}`, values);
  }
  return found;
}

describe('schema enums and code vocabularies', () => {
  const found = schemaEnums();

  it('registers every multi-valued enum of schemas/ with its code constant', () => {
    const unregistered = [...found.keys()].filter((key) => !(key in ENUMS));
    assert.deepEqual(unregistered, [], 'add each to ENUMS with the constant of src/domain/vocabulary.ts it mirrors');
  });

  it('finds every registered enum where the table says it is', () => {
    const missing = Object.keys(ENUMS).filter((key) => !found.has(key));
    assert.deepEqual(missing, []);
  });

  for (const [key, constant] of Object.entries(ENUMS)) {
    it(`${key} equals its constant`, () => {
      assert.deepEqual(found.get(key), [...constant]);
    });
  }
});
