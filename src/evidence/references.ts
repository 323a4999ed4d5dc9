import { benchmarkKey, metricKey } from '../domain/benchmarks.js';
import { nameKey } from '../domain/name-key.js';
import { InvalidInputError } from '../errors.js';
import type { ImportFragment } from './fragment.js';

/** A reference score given on the command line: `benchmark[:metric]=value`. */
export interface ReferenceScore {
  benchmark: string;
  metric?: string;
  value: number;
  /** The text as written, for messages. */
  spec: string;
}

const SPEC = /^([^:=]+?)(?::([^=]+))?=\s*([^=\s]+)\s*$/;

/** `lambada_openai:perplexity=15.2` → a reference score; anything else is an InvalidInputError. */
export function parseReference(spec: string): ReferenceScore {
  const match = SPEC.exec(spec);
  const value = match ? Number(match[3]) : NaN;
  if (!match || !Number.isFinite(value) || !match[1]!.trim() || (match[2] !== undefined && !match[2].trim()))
    throw new InvalidInputError(
      `--reference ${spec}: write benchmark[:metric]=value, e.g. lambada_openai:perplexity=15.2 or ceval=51.7`,
    );
  const metric = match[2]?.trim();
  return { benchmark: match[1]!.trim(), ...(metric ? { metric } : {}), value, spec };
}

/** Same metric; a reference naming an lm-eval filter (`exact_match,strict-match`) matches only that filter. */
const sameMetric = (reference: string, score: string) =>
  reference.includes(',') ? nameKey(reference) === nameKey(score) : metricKey(reference) === metricKey(score);

const matches = (r: ReferenceScore, s: { benchmark: string; metric?: string }) =>
  benchmarkKey(r.benchmark) === benchmarkKey(s.benchmark) &&
  (r.metric === undefined || (s.metric !== undefined && sameMetric(r.metric, s.metric)));

/**
 * Imported scores with their reference: the score of the same benchmark (and metric, when the
 * reference names one) measured on the reference platform. A tool file never holds the reference,
 * so it is given by hand; a reference that matches no imported score, or several metrics of one
 * task, is an error rather than a guess.
 */
export function withReferences(
  fragments: readonly ImportFragment[],
  references: readonly ReferenceScore[],
): ImportFragment[] {
  const scores = fragments.flatMap((f) => f.accuracy?.benchmarks ?? []);
  for (const reference of references) {
    const metrics = [...new Set(scores.filter((s) => matches(reference, s)).map((s) => s.metric ?? ''))];
    if (!metrics.length)
      throw new InvalidInputError(
        `--reference ${reference.spec}: no imported score of ${reference.benchmark}${reference.metric ? ` (${reference.metric})` : ''}; imported: ${listed(scores)}`,
      );
    if (metrics.length > 1)
      throw new InvalidInputError(
        `--reference ${reference.spec}: ${reference.benchmark} has several metrics (${metrics.join(', ')}); name one, e.g. ${reference.benchmark}:${metrics[0]}=${reference.value}`,
      );
  }
  return fragments.map((fragment) =>
    fragment.accuracy
      ? {
          ...fragment,
          accuracy: {
            ...fragment.accuracy,
            benchmarks: fragment.accuracy.benchmarks.map((score) => {
              const reference = references.filter((r) => matches(r, score)).at(-1);
              return reference ? { ...score, reference: reference.value } : score;
            }),
          },
        }
      : fragment,
  );
}

const listed = (scores: ReadonlyArray<{ benchmark: string; metric?: string }>) => {
  const names = [...new Set(scores.map((s) => (s.metric ? `${s.benchmark}:${s.metric}` : s.benchmark)))];
  if (!names.length) return 'no benchmark score';
  return names.slice(0, 20).join(', ') + (names.length > 20 ? ` and ${names.length - 20} more` : '');
};
