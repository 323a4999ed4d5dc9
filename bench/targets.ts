import type { Summary } from './measure.js';

/** Everything the targets are judged on; a null means the run did not measure it. */
export interface Measured {
  /** Certifications in the registry of the full suite (the run's largest size). */
  certifications: number;
  baselineA: Summary;
  /** Baseline A sending a fixed body as large as the list's median answer (`listBodyBytes`). */
  baselineSized: Summary;
  listBodyBytes: number;
  compatibility: Summary;
  certificationList: Summary;
  search: Summary;
  matrixCached: Summary;
  validate: Summary;
  validateBaseline: Summary;
  matrixUncachedP50Ms: number;
  /** chipreg's writer over every row. */
  import: { writerRowsPerSecond: number };
  /** Database file plus WAL after a checkpoint, at the full suite's size. */
  diskBytes: number;
  /** The lookups by registry size, when `--sizes` ran. */
  scaling: Array<{ certifications: number; compatibilityP50: number; listP50: number; matrixUncachedP50Ms: number }>;
  startupMs: number;
  peakRssMB: number | null;
}

export interface Verdict {
  target: string;
  measured: string;
  status: 'PASS' | 'MISS' | 'NOT MEASURED';
}

const ONE_MILLION = 1_000_000;
const x = (n: number) => `${n.toFixed(2)}×`;
const judge = (target: string, ok: boolean, measured: string): Verdict => ({
  target,
  measured,
  status: ok ? 'PASS' : 'MISS',
});
const notMeasured = (target: string, why: string): Verdict => ({ target, measured: why, status: 'NOT MEASURED' });
const ratio = (target: string, s: Summary, base: Summary, min: number, baseName: string): Verdict =>
  judge(target, s.rps >= min * base.rps, `${s.rps} vs ${base.rps} req/s (${baseName}) = ${x(s.rps / base.rps)}`);

/** Issue 14's targets (performance round 2), each PASS or MISS against this run's numbers, or NOT MEASURED (never guessed). */
export function judgeTargets(m: Measured): Verdict[] {
  const a = m.baselineA;
  const verdicts: Verdict[] = [
    ratio('compatibility throughput ≥ 0.85× baseline A', m.compatibility, a, 0.85, 'baseline A'),
    judge(
      'compatibility p99 ≤ 2× baseline A p99',
      m.compatibility.p99 <= 2 * a.p99,
      `${m.compatibility.p99} vs ${a.p99} ms = ${x(m.compatibility.p99 / a.p99)}`,
    ),
    ratio(
      'certification list ≥ 0.7× express sending a body of the same size',
      m.certificationList,
      m.baselineSized,
      0.7,
      `${m.listBodyBytes}-byte body`,
    ),
    ratio('search ≥ 0.7× baseline A', m.search, a, 0.7, 'baseline A'),
    ratio('validate ≥ 0.5× its express POST baseline', m.validate, m.validateBaseline, 0.5, 'express POST'),
  ];

  // At 100k: the --sizes row of exactly 100k, else the smallest measured size above it (stricter).
  const matrixAt = [
    ...m.scaling.map((s) => ({ certifications: s.certifications, ms: s.matrixUncachedP50Ms })),
    { certifications: m.certifications, ms: m.matrixUncachedP50Ms },
  ]
    .filter((s) => s.certifications >= 100_000)
    .sort((p, q) => p.certifications - q.certifications)[0];
  verdicts.push(
    matrixAt
      ? judge(
          'matrix uncached ≤ 50 ms at 100k (median answer after a write)',
          matrixAt.ms <= 50,
          `${matrixAt.ms.toFixed(1)} ms at ${matrixAt.certifications}`,
        )
      : notMeasured(
          'matrix uncached ≤ 50 ms at 100k',
          `${m.matrixUncachedP50Ms.toFixed(1)} ms at ${m.certifications}; run at 100,000`,
        ),
    ratio('matrix 304 ≥ 0.95× baseline A', m.matrixCached, a, 0.95, 'baseline A'),
    judge(
      'import ≥ 50,000 certifications/s',
      m.import.writerRowsPerSecond >= 50_000,
      `${Math.round(m.import.writerRowsPerSecond)} certifications/s over ${m.certifications}`,
    ),
    judge(
      'on disk ≤ 1.5 KB per certification (file + WAL after checkpoint)',
      m.diskBytes / m.certifications <= 1500,
      `${Math.round(m.diskBytes / m.certifications)} bytes/certification (${(m.diskBytes / 1e6).toFixed(1)} MB / ${m.certifications})`,
    ),
  );

  const small = m.scaling.find((s) => s.certifications <= 10_000);
  const large = m.scaling.find((s) => s.certifications >= ONE_MILLION);
  if (small && large)
    for (const [label, key] of [
      ['compatibility', 'compatibilityP50'],
      ['certification list', 'listP50'],
    ] as const)
      verdicts.push(
        judge(
          `${label} p50 at 1M ≤ 1.5× at 10k`,
          large[key] <= 1.5 * small[key],
          `${large[key]} vs ${small[key]} ms = ${x(large[key] / small[key])}`,
        ),
      );
  else verdicts.push(notMeasured('lookup p50 at 1M ≤ 1.5× at 10k', 'run with --sizes 10000,1000000'));

  const at1M = m.certifications >= ONE_MILLION;
  verdicts.push(
    at1M
      ? judge('start-up to first answer ≤ 1 s at 1M', m.startupMs <= 1000, `${Math.round(m.startupMs)} ms`)
      : notMeasured(
          'start-up to first answer ≤ 1 s at 1M',
          `${Math.round(m.startupMs)} ms at ${m.certifications}; run at 1,000,000`,
        ),
  );
  verdicts.push(
    m.peakRssMB === null
      ? notMeasured('RSS ≤ 250 MB under load at 1M', 'no sample')
      : at1M
        ? judge('RSS ≤ 250 MB under load at 1M', m.peakRssMB <= 250, `peak ${m.peakRssMB} MB`)
        : notMeasured(
            'RSS ≤ 250 MB under load at 1M',
            `peak ${m.peakRssMB} MB at ${m.certifications}; run at 1,000,000`,
          ),
  );
  return verdicts;
}
