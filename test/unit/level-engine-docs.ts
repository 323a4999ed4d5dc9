/** Documents, contexts and requirement sets shared by the level-engine specs. */
import { fileURLToPath } from 'node:url';
import { evaluateLevel, type LevelContext, type LevelReport } from '../../src/domain/level-engine.js';
import { loadRequirementSet, type RequirementSet } from '../../src/domain/requirement-set.js';
import type { SubmissionDocument } from '../../src/domain/submission-document.js';
import { createSchemaRegistry } from '../../src/schemas/schema-registry.js';

export const registry = createSchemaRegistry();
const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export const SET_2026_1_PATH = path('../../data/requirement-sets/2026.1.json');
export const STRICT_PATH = path('../fixtures/requirement-sets/strict.json');
export const set2026: RequirementSet = loadRequirementSet(SET_2026_1_PATH, registry);
export const strictSet: RequirementSet = loadRequirementSet(STRICT_PATH, registry);

/** The DESIGN §6.1 example, as its schema's first `examples` entry states it. */
export function example(): SubmissionDocument {
  const schema = registry.files.get('submission.v1.schema.json') as { examples: unknown[] };
  return structuredClone(schema.examples[0]) as SubmissionDocument;
}

/** sophgo-bm1684x is an edge chip; chatglm3-6b has 6.2B parameters. */
export const EDGE_6B: LevelContext = { deviceClass: 'edge', parametersB: 6.2, authenticatedSubmitter: true };
export const DATACENTER_6B: LevelContext = {
  deviceClass: 'datacenter',
  parametersB: 6.2,
  authenticatedSubmitter: true,
};
export const DATACENTER_70B: LevelContext = {
  deviceClass: 'datacenter',
  parametersB: 70,
  authenticatedSubmitter: true,
};

/** The example measured on a datacenter chip with the chat-server profile: L3 there too. */
export function serverExample(): SubmissionDocument {
  const doc = example();
  doc.deployment.chip = 'huawei-ascend-910b';
  doc.deployment.precision = 'bf16';
  doc.evidence.functional!.referenceMatch32 = 0.95;
  doc.evidence.accuracy!.benchmarks = [
    { name: 'ceval', score: 51.5, reference: 51.7 },
    { name: 'gsm8k', score: 72.1, reference: 72.3 },
  ];
  doc.evidence.performance = {
    profile: 'chat-server',
    durationSeconds: 660,
    queries: 24576,
    runs: 3,
    spreadPercent: 1.2,
    noCacheSpeedupPercent: 0.4,
    ttftP99Ms: 1400,
    tpotP99Ms: 60,
    throughputTokensPerSecond: 5200,
  };
  return doc;
}

/** The example with an independent reproduction and a soak run: L4. */
export function reproducedExample(): SubmissionDocument {
  const doc = example();
  doc.evidence.reproduction = { by: 'chipreg lab', throughputDeltaPercent: -2.5, accuracyDeltaPoints: 0.3 };
  doc.evidence.soak = { hours: 24, throughputFraction: 0.85, crashes: 0, errorRate: 0.0002 };
  doc.evidence.artifacts!.push({ kind: 'log', uri: 'https://example.com/soak.log', sha256: 'a'.repeat(64) });
  return doc;
}

export const evaluate = (
  doc: SubmissionDocument,
  ctx: LevelContext = EDGE_6B,
  set: RequirementSet = set2026,
): LevelReport => evaluateLevel(set, doc, ctx);

export function checkOf(report: LevelReport, id: string) {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id} in the report`);
  return found;
}
