import type { Summary } from './measure.js';

/** Everything the targets are judged on; a null means the run did not measure it. */
export interface Measured {
  certifications: number;
  baselineA: Summary;
  compatibility: Summary;
  certificationList: Summary;
  matrixCached: Summary;
  validate: Summary;
  validateBaseline: Summary;
  matrixUncachedP50Ms: number;
  /** chipreg's writer over every row, and over the rows the raw loop repeated, against the raw loop. */
  import: {
    writerRowsPerSecond: number;
    writerRowsPerSecondOnRawRows: number;
    rawRowsPerSecond: number;
    rawRows: number;
  };
  /** Lookup p50 latency (ms) by registry size, when `--sizes` ran. */
  scaling: Array<{ certifications: number; compatibilityP50: number; listP50: number }>;
  startupMs: number;
  peakRssMB: number | null;
  workers: { ratio: number } | { notMeasured: string };
}

export interface Verdict {
  target: string;
  measured: string;
  status: 'PASS' | 'MISS' | 'NOT MEASURED' | 'REPORTED';
}

const x = (n: number) => `${n.toFixed(2)}×`;
const judge = (target: string, ok: boolean, measured: string): Verdict => ({
  target,
  measured,
  status: ok ? 'PASS' : 'MISS',
});
const notMeasured = (target: string, why: string): Verdict => ({ target, measured: why, status: 'NOT MEASURED' });

/** The targets, each PASS or MISS against this run's numbers (or NOT MEASURED, never guessed). */
export function judgeTargets(m: Measured): Verdict[] {
  const a = m.baselineA;
  const verdicts: Verdict[] = [];
  for (const [label, s] of [
    ['compatibility', m.compatibility],
    ['certification list', m.certificationList],
  ] as const) {
    verdicts.push(
      judge(
        `${label} throughput ≥ 0.85× baseline A`,
        s.rps >= 0.85 * a.rps,
        `${s.rps} vs ${a.rps} req/s = ${x(s.rps / a.rps)}`,
      ),
    );
    verdicts.push(
      judge(`${label} p99 ≤ 2× baseline A p99`, s.p99 <= 2 * a.p99, `${s.p99} vs ${a.p99} ms = ${x(s.p99 / a.p99)}`),
    );
  }
  const v = m.validate;
  const vb = m.validateBaseline;
  verdicts.push(
    judge(
      'validate throughput ≥ 0.70× its express baseline',
      v.rps >= 0.7 * vb.rps,
      `${v.rps} vs ${vb.rps} req/s = ${x(v.rps / vb.rps)}`,
    ),
  );
  verdicts.push(
    m.certifications >= 100_000
      ? judge(
          'matrix over 100k certifications ≤ 50 ms uncached (median first answer)',
          m.matrixUncachedP50Ms <= 50,
          `${m.matrixUncachedP50Ms.toFixed(1)} ms at ${m.certifications}`,
        )
      : notMeasured(
          'matrix over 100k certifications ≤ 50 ms uncached',
          `registry has ${m.certifications} (${m.matrixUncachedP50Ms.toFixed(1)} ms)`,
        ),
  );
  verdicts.push(
    judge(
      'matrix cached (304) as fast as baseline A (≥ 0.95× throughput)',
      m.matrixCached.rps >= 0.95 * a.rps,
      `${m.matrixCached.rps} vs ${a.rps} req/s = ${x(m.matrixCached.rps / a.rps)}, p99 ${m.matrixCached.p99} vs ${a.p99} ms`,
    ),
  );
  const imp = m.import;
  verdicts.push(
    judge(
      'import ≥ 0.5× the raw insert loop (same rows)',
      imp.writerRowsPerSecondOnRawRows >= 0.5 * imp.rawRowsPerSecond,
      `${Math.round(imp.writerRowsPerSecondOnRawRows)} vs ${Math.round(imp.rawRowsPerSecond)} rows/s over ${imp.rawRows} rows = ${x(imp.writerRowsPerSecondOnRawRows / imp.rawRowsPerSecond)}`,
    ),
  );
  verdicts.push(
    judge(
      'import ≥ 50,000 certifications/s',
      imp.writerRowsPerSecond >= 50_000,
      `${Math.round(imp.writerRowsPerSecond)} rows/s over all ${m.certifications}`,
    ),
  );
  const small = m.scaling.find((s) => s.certifications <= 10_000);
  const large = m.scaling.find((s) => s.certifications >= 1_000_000);
  if (small && large) {
    verdicts.push(
      judge(
        'compatibility p50 at 1M ≤ 1.5× at 10k',
        large.compatibilityP50 <= 1.5 * small.compatibilityP50,
        `${large.compatibilityP50} vs ${small.compatibilityP50} ms = ${x(large.compatibilityP50 / small.compatibilityP50)}`,
      ),
    );
    verdicts.push(
      judge(
        'certification list p50 at 1M ≤ 1.5× at 10k',
        large.listP50 <= 1.5 * small.listP50,
        `${large.listP50} vs ${small.listP50} ms = ${x(large.listP50 / small.listP50)}`,
      ),
    );
  } else verdicts.push(notMeasured('lookup latency at 1M ≤ 1.5× at 10k', 'run with --sizes 10000,100000,1000000'));
  verdicts.push(
    m.certifications >= 1_000_000
      ? judge(
          'start-up to first answer ≤ 1 s with 1M certifications',
          m.startupMs <= 1000,
          `${Math.round(m.startupMs)} ms`,
        )
      : notMeasured(
          'start-up to first answer ≤ 1 s with 1M certifications',
          `${Math.round(m.startupMs)} ms at ${m.certifications}; run --scale`,
        ),
  );
  verdicts.push(
    m.peakRssMB === null
      ? notMeasured('RSS ≤ 250 MB under load', 'no sample')
      : judge('RSS ≤ 250 MB under load', m.peakRssMB <= 250, `peak ${m.peakRssMB} MB`),
  );
  verdicts.push(
    'ratio' in m.workers
      ? {
          target: 'serve --workers 2 vs 1 worker (compatibility throughput)',
          measured: x(m.workers.ratio),
          status: 'REPORTED',
        }
      : notMeasured('serve --workers 2 vs 1 worker', m.workers.notMeasured),
  );
  return verdicts;
}
