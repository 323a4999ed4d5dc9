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
  /**
   * The metric names tools write for this benchmark's score (lm-eval `word_perplexity`, `acc`). When
   * given, a score naming another metric of the same task (`bits_per_byte`) is not this benchmark's.
   */
  metricNames?: string[];
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
  /**
   * The registry record a score is judged by: its name (id, name or alias) and, when the score names
   * one, its metric. One task can carry two benchmarks (LAMBADA: accuracy, higher is better; perplexity,
   * lower is better); without a metric the record whose id or name is the task wins.
   */
  resolve(name: string, metric?: string): Benchmark | null;
  /** Every record a name (id, name or alias) stands for, whatever the metric: LAMBADA is two. */
  named(name: string): Benchmark[];
}

/** A metric as tools write it (`word_perplexity,none`, `acc`) → its lookup key; lm-eval's filter suffix is not the metric. */
export const metricKey = (metric: string): string => nameKey(metric.split(',')[0]!);

const measures = (b: Benchmark, metric: string): boolean =>
  [b.metric, ...(b.metricNames ?? [])].some((m) => metricKey(m) === metricKey(metric));

export function indexBenchmarks(benchmarks: readonly Benchmark[]): BenchmarkIndex {
  const byKey = new Map<string, Benchmark[]>();
  for (const b of benchmarks)
    for (const n of new Set([b.id, b.name, ...b.aliases].map(benchmarkKey))) byKey.set(n, [...(byKey.get(n) ?? []), b]);
  return {
    named: (name) => [...(byKey.get(benchmarkKey(name)) ?? [])],
    resolve(name, metric) {
      const key = benchmarkKey(name);
      const candidates = byKey.get(key) ?? [];
      if (metric === undefined) {
        const primary = candidates.find((b) => benchmarkKey(b.id) === key || benchmarkKey(b.name) === key);
        return primary ?? candidates[0] ?? null;
      }
      // A record that names its metrics judges only those; one that does not judges whatever the score is.
      return candidates.find((b) => measures(b, metric)) ?? candidates.find((b) => !b.metricNames) ?? null;
    },
  };
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
