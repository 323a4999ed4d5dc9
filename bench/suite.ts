import { join } from 'node:path';
import { bumpRevision } from '../src/db/meta-repository.js';
import { get, startChild, type ChildServer } from './child-server.js';
import type { Registry } from './generate-registry.js';
import { median, runLoad, type LoadOptions, type Sample, type Workload } from './measure.js';
import { answerBytes, MATRIX_PATHS, preflight, withCursors } from './workloads.js';

export interface SuiteContext {
  root: string;
  dir: string;
  registry: Registry;
  /** `compiled`: plain JS from compile.ts in `compiledDir`; `tsx`: the sources through the tsx loader. */
  runtime: 'compiled' | 'tsx';
  compiledDir: string;
  load: LoadOptions;
  warmupSeconds: number;
  matrixSamples: number;
  /** First pages of the certification list; the cursor pages are added from a running server. */
  listFirstPages: string[];
  /** Median body size of the list's answers (bytes), measured at the first chipreg start; the sized baseline sends as much. */
  listBodyBytes?: number;
  /** Workloads; `list` gains its cursor pages at the first chipreg start. */
  workloads: {
    compatibility: Workload;
    list: Workload;
    search: Workload;
    validate: Workload;
    baselineGet: Workload;
    baselinePost: Workload;
  };
  log: (line: string) => void;
}

/** Node's arguments to run one of our .ts entry points (compiled JS, or through tsx). */
export const node = (ctx: SuiteContext, ts: string) =>
  ctx.runtime === 'compiled'
    ? [join(ctx.compiledDir, ts.replace(/\.ts$/, '.js'))]
    : ['--import', 'tsx', join(ctx.root, ts)];
const env = (ctx: SuiteContext) => ({
  CHIPREG_DB: ctx.registry.path,
  CHIPREG_SIGNING_KEY: join(ctx.dir, 'signing.key'),
});
const warm = (ctx: SuiteContext, server: ChildServer, workload: Workload) =>
  runLoad(server.origin, workload, { ...ctx.load, seconds: ctx.warmupSeconds });
const measured = (ctx: SuiteContext, server: ChildServer, workload: Workload) =>
  runLoad(server.origin, workload, ctx.load, server.rssMB);

/** `npm start`'s entry (src/main.ts), timed from spawn to its first compatibility answer. */
export function startChipreg(ctx: SuiteContext, nodeFlags: string[] = []): Promise<ChildServer> {
  return startChild(
    'chipreg',
    [...nodeFlags, ...node(ctx, 'src/main.ts')],
    env(ctx),
    ctx.workloads.compatibility.paths[0]!,
  );
}

/** First answers of the matrix after a write each time (a new data revision), so no cached answer can serve it. */
export async function uncachedMatrix(ctx: SuiteContext, server: ChildServer, samples: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    bumpRevision(ctx.registry.db);
    const path = MATRIX_PATHS[i % MATRIX_PATHS.length]!;
    const start = process.hrtime.bigint();
    const answer = await get(server.origin, path);
    out.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (answer.status !== 200) throw new Error(`bench: ${path} answered ${answer.status}`);
  }
  return out;
}

/** One round of chipreg: start-up, every read and the validate load, then the matrix uncached and cached; RSS sampled. */
export async function chipregSegment(
  ctx: SuiteContext,
  round: number,
  record: (key: string, value: number) => void,
): Promise<Record<string, Sample>> {
  const server = await startChipreg(ctx);
  try {
    record('startupMs', server.startupMs);
    const w = ctx.workloads;
    if (round === 0) {
      ctx.log('  preflight: every query answers 200 (and collecting list cursors)');
      w.list.paths = await withCursors(server.origin, ctx.listFirstPages);
      await preflight(server.origin, [...w.compatibility.paths, ...w.list.paths, ...w.search.paths]);
      ctx.listBodyBytes = Math.round(median(await answerBytes(server.origin, w.list.paths)));
      ctx.log(`  certification list: median answer body ${ctx.listBodyBytes} bytes (the sized baseline sends as much)`);
    }
    await warm(ctx, server, w.compatibility);
    const out: Record<string, Sample> = {};
    out.compatibility = await measured(ctx, server, w.compatibility);
    out.certificationList = await measured(ctx, server, w.list);
    out.search = await measured(ctx, server, w.search);
    out.validate = await measured(ctx, server, w.validate);
    // The matrix last: its answers stay cached in the process, which would count in the other loads' RSS.
    for (const ms of await uncachedMatrix(ctx, server, ctx.matrixSamples)) record('matrixUncachedMs', ms);
    const etags = new Map<string, string>();
    for (const path of MATRIX_PATHS) etags.set(path, String((await get(server.origin, path)).headers.etag));
    out.matrixCached = await measured(ctx, server, {
      name: 'matrix 304',
      paths: MATRIX_PATHS,
      validators: etags,
      expect: 304,
    });
    return out;
  } finally {
    await server.stop();
  }
}

/** The lookups at the registry's current size (for `--sizes`): start-up, uncached matrix, compatibility and list loads. */
export async function lookupsAtSize(ctx: SuiteContext, rounds: number) {
  const server = await startChipreg(ctx);
  try {
    const list = { ...ctx.workloads.list, paths: await withCursors(server.origin, ctx.listFirstPages) };
    await warm(ctx, server, ctx.workloads.compatibility);
    const matrixUncachedMs = await uncachedMatrix(ctx, server, ctx.matrixSamples);
    const compatibility: Sample[] = [];
    const certificationList: Sample[] = [];
    for (let r = 0; r < rounds; r++) {
      compatibility.push(await measured(ctx, server, ctx.workloads.compatibility));
      certificationList.push(await measured(ctx, server, list));
    }
    return { startupMs: server.startupMs, matrixUncachedMs, compatibility, certificationList };
  } finally {
    await server.stop();
  }
}

/** Baseline A (express: GET, and POST parsing the validate document) or B (node:http: GET). */
export async function baselineSegment(ctx: SuiteContext, which: 'express' | 'http'): Promise<Record<string, Sample>> {
  const server = await startChild(`baseline ${which}`, node(ctx, `bench/baseline-${which}.ts`), {}, '/');
  try {
    await warm(ctx, server, ctx.workloads.baselineGet);
    if (which === 'http') return { baselineB: await measured(ctx, server, ctx.workloads.baselineGet) };
    return {
      baselineA: await measured(ctx, server, ctx.workloads.baselineGet),
      validateBaseline: await measured(ctx, server, ctx.workloads.baselinePost),
    };
  } finally {
    await server.stop();
  }
}

/**
 * Baseline A started with BODY_BYTES: the same express app answering every GET with a fixed body as
 * large as the certification list's median answer; the list's target is a ratio to it.
 */
export async function sizedBaselineSegment(ctx: SuiteContext): Promise<Record<string, Sample>> {
  if (!ctx.listBodyBytes) throw new Error('bench: the list answer size is measured at the first chipreg start');
  const server = await startChild(
    'baseline express (sized)',
    node(ctx, 'bench/baseline-express.ts'),
    {
      BODY_BYTES: String(ctx.listBodyBytes),
    },
    '/',
  );
  try {
    await warm(ctx, server, ctx.workloads.baselineGet);
    return { baselineSized: await measured(ctx, server, ctx.workloads.baselineGet) };
  } finally {
    await server.stop();
  }
}

/** `chipreg serve --workers N` under the compatibility load. */
export async function workersSegment(ctx: SuiteContext, workers: number): Promise<Record<string, Sample>> {
  const server = await startChild(
    `serve --workers ${workers}`,
    [...node(ctx, 'src/cli/main.ts'), 'serve', '--workers', String(workers)],
    env(ctx),
    ctx.workloads.compatibility.paths[0]!,
  );
  try {
    await warm(ctx, server, ctx.workloads.compatibility);
    return { [`workers${workers}`]: await measured(ctx, server, ctx.workloads.compatibility) };
  } finally {
    await server.stop();
  }
}

/** Whether this chipreg has `serve --workers` (asks its CLI, never assumes). */
export async function workersImplemented(ctx: SuiteContext): Promise<boolean> {
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...node(ctx, 'src/cli/main.ts'), 'serve', '--help'],
      { cwd: ctx.root, timeout: 60_000 },
      (error, stdout) => resolve(!error && stdout.includes('--workers')),
    );
  });
}
