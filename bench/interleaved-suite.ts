import { interleave, median, summarise, type Sample, type Summary } from './measure.js';
import { segmentTable, targetTable } from './report.js';
import {
  baselineSegment,
  chipregSegment,
  sizedBaselineSegment,
  workersImplemented,
  workersSegment,
  type SuiteContext,
} from './suite.js';
import { judgeTargets, type Measured } from './targets.js';

/**
 * The full suite at the registry's final size: `rounds` rounds of baseline A, baseline B, chipreg,
 * baseline A sending a body as large as the list's median answer (measured at chipreg's first start)
 * and (when implemented) `serve --workers 1` and `2`, one server at a time; prints the medians, the
 * ratios and the targets, and returns everything for the results file.
 */
export async function runInterleavedSuite(
  ctx: SuiteContext,
  options: { rounds: number; workers: boolean },
  measured: Pick<Measured, 'certifications' | 'import' | 'scaling' | 'diskBytes'>,
) {
  const { log } = ctx;
  const workers = options.workers && (await workersImplemented(ctx));
  const extra: Record<string, number[]> = {};
  const record = (key: string, value: number) => void (extra[key] = [...(extra[key] ?? []), value]);
  const segments: Array<(round: number) => Promise<Record<string, Sample>>> = [
    (round) => (log(`round ${round + 1}/${options.rounds}: baseline A (express)`), baselineSegment(ctx, 'express')),
    () => (log('  baseline B (node:http)'), baselineSegment(ctx, 'http')),
    (round) => (log('  chipreg'), chipregSegment(ctx, round, record)),
    () => (log(`  baseline A sending ${ctx.listBodyBytes} bytes`), sizedBaselineSegment(ctx)),
    ...(workers
      ? [
          () => (log('  serve --workers 1'), workersSegment(ctx, 1)),
          () => (log('  serve --workers 2'), workersSegment(ctx, 2)),
        ]
      : []),
  ];
  const samples = await interleave(options.rounds, segments);
  const s = (name: string) => summarise(samples.get(name) ?? []);
  const [a, b] = [s('baselineA'), s('baselineB')];
  const rows: Array<[string, Summary, Summary | null]> = [
    ['baseline A: express 5', a, null],
    ['baseline B: node:http', b, null],
    ['GET /v1/compatibility', s('compatibility'), null],
    ['baseline A: list-sized body', s('baselineSized'), null],
    ['GET /v1/certifications (×own=×sized)', s('certificationList'), s('baselineSized')],
    ['GET /v1/search', s('search'), null],
    ['GET /v1/matrix (304 cached)', s('matrixCached'), null],
    ['baseline A: express POST json', s('validateBaseline'), null],
    ['POST /v1/validate (×own=×A POST)', s('validate'), s('validateBaseline')],
  ];
  if (workers)
    rows.push(
      ['serve --workers 1 (compat)', s('workers1'), null],
      ['serve --workers 2 (×own=×w1)', s('workers2'), s('workers1')],
    );
  log('');
  for (const line of segmentTable(rows, a, b)) log(line);

  const startupMs = median(extra.startupMs ?? []);
  const matrixUncachedMs = extra.matrixUncachedMs ?? [];
  const peakRssMB = Math.max(
    ...['compatibility', 'certificationList', 'search', 'matrixCached', 'validate'].map((n) => s(n).rssMB ?? 0),
  );
  log(
    `\nmatrix uncached (new data revision before each): p50 ${median(matrixUncachedMs).toFixed(1)} ms, max ${Math.max(...matrixUncachedMs).toFixed(1)} ms over ${matrixUncachedMs.length} answers`,
  );
  log(
    `start-up to first answer: median ${Math.round(startupMs)} ms (${(extra.startupMs ?? []).map(Math.round).join(', ')}); peak RSS under load ${peakRssMB} MB`,
  );
  const verdicts = judgeTargets({
    ...measured,
    baselineA: a,
    baselineSized: s('baselineSized'),
    listBodyBytes: ctx.listBodyBytes ?? 0,
    compatibility: s('compatibility'),
    certificationList: s('certificationList'),
    search: s('search'),
    matrixCached: s('matrixCached'),
    validate: s('validate'),
    validateBaseline: s('validateBaseline'),
    matrixUncachedP50Ms: median(matrixUncachedMs),
    startupMs,
    peakRssMB,
  });
  log('\ntargets');
  for (const line of targetTable(verdicts)) log(line);
  return {
    segments: Object.fromEntries([...samples.keys()].map((k) => [k, s(k)])),
    startupMs: extra.startupMs ?? [],
    matrixUncachedMs,
    peakRssMB,
    targets: verdicts,
  };
}
