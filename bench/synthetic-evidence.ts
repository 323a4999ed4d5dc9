import type { DeviceClass, DeploymentForm, Precision, StackComponent } from '../src/domain/catalog-types.js';
import type { Random } from './seeded-random.js';

export interface DeploymentChoice {
  vendor: string;
  model: string;
  chip: string;
  deviceClass: DeviceClass | null;
  precision: Precision;
  form: DeploymentForm;
  devices: number;
  stack: StackComponent[];
}

const BENCHMARKS = ['ceval', 'cmmlu', 'mmlu', 'gsm8k', 'humaneval', 'bbh', 'arc-challenge', 'math'];
const hex = (random: Random, n: number) => Array.from({ length: n }, () => random.int(0, 15).toString(16)).join('');
const round = (x: number, digits: number) => Number(x.toFixed(digits));

/**
 * A submission document (schemas/submission.v1.schema.json) whose evidence aims at `target`
 * (1-4); one in ten misses one threshold, as real submissions do. Run through the real
 * validation service it yields the check results certifications carry.
 */
export function submissionDocument(random: Random, d: DeploymentChoice, target: number): Record<string, unknown> {
  const fourBit = /4/.test(d.precision);
  const eightBit = !fourBit && /8/.test(d.precision);
  const miss = random.chance(0.1) ? random.int(1, target) : 0;
  const prompts = random.pick([100, 200, 500, 1000]);
  const artifact = (kind: string, sha: boolean) => ({
    kind,
    uri: `https://example.com/evidence/${hex(random, 12)}/${kind}.tar.gz`,
    ...(sha ? { sha256: hex(random, 64) } : {}),
  });
  const evidence: Record<string, unknown> = {
    functional: {
      prompts,
      completed: miss === 1 ? prompts - 1 : prompts,
      crashes: 0,
      nanOrInf: 0,
      emptyOutputs: 0,
      consistency: round(0.99 + random.next() * 0.01, 4),
      referenceMatch32: round((fourBit ? 0.72 : eightBit ? 0.82 : 0.91) + random.next() * 0.08, 3),
    },
    artifacts: [artifact('environment', target >= 4), artifact('log', target >= 4)],
  };
  if (target >= 2) {
    const floor = fourBit ? 0.962 : eightBit ? 0.982 : 0.991;
    evidence.accuracy = {
      benchmarks: BENCHMARKS.slice(0, random.int(2, 5)).map((name) => {
        const reference = round(40 + random.next() * 45, 1);
        return {
          name,
          score: round(reference * (miss === 2 ? 0.9 : floor + random.next() * (1 - floor)), 2),
          reference,
        };
      }),
      outputLengthRatio: round(0.96 + random.next() * 0.08, 3),
    };
  }
  if (target >= 3) {
    const small = d.deviceClass === 'edge' || d.deviceClass === 'mobile' || d.deviceClass === 'vehicle';
    evidence.performance = {
      profile: small ? 'single-stream' : random.pick(['chat-server', 'interactive']),
      durationSeconds: random.pick([600, 900, 1800]),
      queries: random.int(1024, 5000),
      runs: random.int(3, 5),
      spreadPercent: round(miss === 3 ? 7.5 : random.next() * 4.5, 2),
      noCacheSpeedupPercent: round(random.next() * 8, 2),
      ttftP90Ms: random.int(120, 400),
      ttftP99Ms: random.int(150, 450),
      tpotP99Ms: random.int(12, 28),
      decodeTokensPerSecond: round(12 + random.next() * 60, 1),
      throughputTokensPerSecond: round(200 + random.next() * 4000, 1),
    };
    (evidence.artifacts as unknown[]).push(artifact('results', target >= 4), artifact('config', target >= 4));
  }
  if (target >= 4) {
    evidence.reproduction = {
      by: 'Independent Test Lab',
      throughputDeltaPercent: round(random.next() * 4, 2),
      accuracyDeltaPoints: round(random.next() * 0.4, 2),
    };
    evidence.soak = {
      hours: random.pick([24, 36, 48]),
      throughputFraction: round(0.75 + random.next() * 0.2, 2),
      crashes: miss === 4 ? 1 : 0,
      errorRate: round(random.next() * 0.0008, 5),
    };
  }
  return {
    schema: 'chipreg/submission/v1',
    requirementSet: '2026.1',
    claimedLevel: `L${target}`,
    submitter: { vendor: d.vendor, contact: 'certification@example.com' },
    deployment: {
      model: { id: d.model, revision: hex(random, 40) },
      chip: d.chip,
      system: null,
      devices: d.devices,
      precision: d.precision,
      form: d.form,
      stack: d.stack,
      os: 'Ubuntu 22.04',
    },
    evidence,
  };
}
