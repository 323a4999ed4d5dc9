/**
 * The benchmark registry (data/benchmarks/, schemas/benchmark.v1.schema.json): one record per
 * benchmark with its aliases, direction and scale. Scores are resolved through it so `ceval`,
 * `C-Eval` and `ceval (5-shot)` are one benchmark, and a perplexity is compared lower-is-better.
 */
import { nameKey } from './name-key.js';
import type { BenchmarkDirection, ScoreScale } from './vocabulary.js';

export interface Benchmark {
  id: string;
  name: string;
  aliases: string[];
  metric: string;
  direction: BenchmarkDirection;
  scale: ScoreScale;
  minimum?: number;
  shots?: number;
  fullSize?: number;
  split?: string;
  sources: Array<{ url: string; confidence?: string; note?: string }>;
}

/** A shot count written after the name (`ceval (5-shot)`, `mmlu 5shot`, `gsm8k, 8-shot`) does not make another benchmark. */
const SHOTS_SUFFIX = /[\s,(_-]*(?:\d+|zero|few)[\s_-]*shots?\)?\s*$/i;

export const benchmarkKey = (name: string): string => nameKey(name.replace(SHOTS_SUFFIX, ''));

export interface BenchmarkIndex {
  resolve(name: string): Benchmark | null;
}

export function indexBenchmarks(benchmarks: readonly Benchmark[]): BenchmarkIndex {
  const byKey = new Map<string, Benchmark>();
  for (const b of benchmarks) for (const n of [b.id, b.name, ...b.aliases]) byKey.set(benchmarkKey(n), b);
  return { resolve: (name) => byKey.get(benchmarkKey(name)) ?? null };
}

/** The range a score of this scale can take. */
export function scaleRange(scale: ScoreScale, minimum?: number): { min: number; max: number } {
  if (scale === 'fraction') return { min: 0, max: 1 };
  if (scale === 'percent') return { min: 0, max: 100 };
  return { min: minimum ?? 0, max: Number.POSITIVE_INFINITY };
}

/**
 * How close a score is to its reference, in the benchmark's direction: 1 = equal, below 1 = worse.
 * Higher-is-better: score / reference; lower-is-better (perplexity): reference / score.
 */
export function accuracyRatio(direction: BenchmarkDirection, score: number, reference: number): number {
  return direction === 'lower' ? reference / score : score / reference;
}
