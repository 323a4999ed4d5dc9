import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/package-root.js';

const sha = (seed: number) => Array.from({ length: 64 }, (_, i) => ((seed * 31 + i * 7) % 16).toString(16)).join('');

/**
 * The `POST /v1/validate` body: test/fixtures/submission-example.json padded the way a real L4
 * submission is (a longer stack, more benchmarks, every artifact with its sha256, reproduction
 * and soak), to 4–8 KiB.
 */
export function validateDocument(): string {
  const doc = JSON.parse(readFileSync(join(packageRoot(), 'test/fixtures/submission-example.json'), 'utf8')) as {
    claimedLevel: string;
    deployment: { stack: unknown[] };
    evidence: { accuracy: { benchmarks: unknown[] }; artifacts: unknown[]; reproduction: unknown; soak: unknown };
  };
  doc.claimedLevel = 'L4';
  doc.deployment.stack.push(
    { kind: 'firmware', name: 'bm1684x-firmware', version: '0.5.0', channel: 'ga' },
    { kind: 'sdk', name: 'sophon-sail', version: '3.8.0', channel: 'ga' },
    { kind: 'engine', name: 'LLM-TPU', version: '2024.12', channel: 'ga' },
    { kind: 'framework', name: 'PyTorch', version: '2.1.0', channel: 'ga' },
    { kind: 'os', name: 'Ubuntu', version: '22.04', channel: 'ga' },
  );
  doc.evidence.accuracy.benchmarks.push(
    { name: 'cmmlu', score: 49.8, reference: 50.3 },
    { name: 'mmlu', score: 57.9, reference: 58.5 },
    { name: 'humaneval', score: 51.2, reference: 52.4 },
    { name: 'bbh', score: 52.6, reference: 53.7 },
    { name: 'arc-challenge', score: 61.0, reference: 61.9 },
    { name: 'math', score: 24.8, reference: 25.7 },
  );
  const kinds = ['environment', 'log', 'results', 'config', 'log', 'results', 'other', 'other', 'log', 'results'];
  doc.evidence.artifacts = kinds.map((kind, i) => ({
    kind,
    uri: `https://evidence.example.com/sophgo/bm1684x/chatglm3-6b/int4/run-2026-11-${String(i + 10).padStart(2, '0')}/${kind}-${i}.tar.gz`,
    sha256: sha(i + 1),
  }));
  doc.evidence.reproduction = {
    by: 'China Academy of Information and Communications Technology (test lab)',
    throughputDeltaPercent: 2.4,
    accuracyDeltaPoints: 0.3,
  };
  doc.evidence.soak = { hours: 24, throughputFraction: 0.82, crashes: 0, errorRate: 0.0004 };
  const body = JSON.stringify(doc, null, 2);
  if (body.length < 4096 || body.length > 8192)
    throw new Error(`bench: the validate document is ${body.length} bytes, not 4-8 KiB`);
  return body;
}
