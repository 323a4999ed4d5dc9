import { Command, InvalidArgumentError } from 'commander';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/package-root.js';
import { runClusterSuite } from './cluster.js';
import { compileForBench } from './compile.js';
import { createRegistry } from './generate-registry.js';
import { runInterleavedSuite } from './interleaved-suite.js';
import { median, summarise } from './measure.js';
import { profileWorkload } from './profile.js';
import { machine, sourceRevision, writeResults } from './report.js';
import { seededRandom } from './seeded-random.js';
import { lookupsAtSize, type SuiteContext } from './suite.js';
import { validateDocument } from './validate-document.js';
import { certificationListPaths, compatibilityPaths, searchPaths } from './workloads.js';

const positive = (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number');
  return n;
};
const options = new Command('npm run bench --')
  .description('chipreg benchmark suite: synthetic registry, autocannon on 127.0.0.1, baselines interleaved')
  .option('--certs <n>', 'certifications in the synthetic registry', positive, 100_000)
  .option('--scale', 'a 1,000,000-certification registry (same as --certs 1000000)')
  .option(
    '--sizes <list>',
    'run the lookup measures at each size (e.g. 10000,100000,1000000); the full suite runs at the largest',
  )
  .option('--chips <n>', 'chips in total (data/ plus generated)', positive, 200)
  .option('--models <n>', 'models in total (data/ plus generated)', positive, 2000)
  .option('--seconds <n>', 'length of one measured load', positive, 5)
  .option('--rounds <n>', 'interleaved rounds; medians are reported', positive, 3)
  .option('--connections <n>', 'autocannon connections', positive, 10)
  .option('--max-requests <n>', 'hard cap on requests per load', positive, 1_000_000)
  .option('--warmup <seconds>', 'unmeasured load after each server start', positive, 1)
  .option('--matrix-samples <n>', 'uncached matrix answers per round', positive, 5)
  .option('--compare-rows <n>', 'rows the raw insert loop repeats for the import ratio', positive, 100_000)
  .option(
    '--runtime <runtime>',
    'compiled (src/ transpiled to plain JS first, as npm start runs) or tsx (through the tsx loader)',
    'compiled',
  )
  .option('--no-workers', 'skip serve --workers 2 vs 1')
  .option('--seed <n>', 'seed of the synthetic data', positive, 20261129)
  .option(
    '--profile <workload>',
    'instead of the suite: loads (comma-separated: compatibility, list, search, validate, matrix) against chipreg under --cpu-prof, summarised',
  )
  .option(
    '--cluster',
    'instead of the suite: nginx in front of a primary and two replicas against one chipreg, cache hits and misses',
  )
  .option('--keep', 'keep the temporary registry directory')
  .parse(process.argv)
  .opts<{
    certs: number;
    scale?: boolean;
    sizes?: string;
    chips: number;
    models: number;
    seconds: number;
    rounds: number;
    connections: number;
    maxRequests: number;
    warmup: number;
    matrixSamples: number;
    compareRows: number;
    runtime: string;
    workers: boolean;
    seed: number;
    profile?: string;
    cluster?: boolean;
    keep?: boolean;
  }>();

const root = packageRoot();
process.chdir(root);
if (options.runtime !== 'tsx' && options.runtime !== 'compiled') throw new Error('--runtime must be compiled or tsx');
const sizes = (
  options.sizes ? options.sizes.split(',').map((s) => positive(s.trim())) : [options.scale ? 1_000_000 : options.certs]
).sort((a, b) => a - b);
const log = (line: string) => process.stdout.write(`${line}\n`);
/** The registry's size on disk: the database file plus its WAL, after a checkpoint folded the WAL in. */
const diskBytes = (registry: { db: { pragma(sql: string): unknown }; path: string }) => {
  registry.db.pragma('wal_checkpoint(TRUNCATE)');
  const wal = `${registry.path}-wal`;
  return statSync(registry.path).size + (existsSync(wal) ? statSync(wal).size : 0);
};
const dir = mkdtempSync(join(tmpdir(), 'chipreg-bench-'));
const m = { ...machine(), source: sourceRevision(root) };
log(
  `chipreg bench (${m.source}): ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}; runtime ${options.runtime}; sizes ${sizes.join(', ')}; ${options.rounds} rounds × ${options.seconds} s, ${options.connections} connections`,
);

try {
  const generateStart = Date.now();
  const registry = createRegistry({
    dir,
    chips: options.chips,
    models: options.models,
    seed: options.seed,
    compareRows: options.compareRows,
    now: new Date(),
  });
  const random = seededRandom(options.seed + 1);
  const compatibility = compatibilityPaths(random, registry.catalog);
  const load = { seconds: options.seconds, connections: options.connections, maxRequests: options.maxRequests };
  const json = { 'content-type': 'application/json' };
  const ctx: SuiteContext = {
    root,
    dir,
    registry,
    runtime: options.runtime,
    compiledDir: options.runtime === 'compiled' ? compileForBench(root) : '',
    load,
    warmupSeconds: options.warmup,
    matrixSamples: options.matrixSamples,
    log,
    listFirstPages: certificationListPaths(random, registry.catalog),
    workloads: {
      compatibility: { name: 'compatibility', paths: compatibility },
      list: { name: 'certification list', paths: [] },
      search: { name: 'search', paths: searchPaths(random, registry.catalog) },
      validate: { name: 'validate', method: 'POST', paths: ['/v1/validate'], body: validateDocument(), headers: json },
      baselineGet: { name: 'baseline GET', paths: compatibility },
      baselinePost: {
        name: 'baseline POST',
        method: 'POST',
        paths: ['/v1/validate'],
        body: validateDocument(),
        headers: json,
      },
    },
  };
  const scaling = [];
  for (const size of sizes) {
    registry.grow(size, (n) => n % 50_000 === 0 && log(`  ${n} certifications written`));
    const bytes = diskBytes(registry);
    log(
      `registry: ${registry.certifications()} certifications, ${registry.catalog.chips.length} chips, ${registry.catalog.models.length} models, ` +
        `${(bytes / 1e6).toFixed(1)} MB on disk (${Math.round(bytes / registry.certifications())} bytes/certification), ` +
        `${((Date.now() - generateStart) / 1000).toFixed(1)} s so far`,
    );
    if (sizes.length > 1) {
      const at = await lookupsAtSize(ctx, options.rounds);
      const row = {
        certifications: size,
        startupMs: Math.round(at.startupMs),
        matrixUncachedP50Ms: median(at.matrixUncachedMs),
        compatibility: summarise(at.compatibility),
        certificationList: summarise(at.certificationList),
      };
      log(
        `  at ${size}: compatibility ${row.compatibility.rps} req/s p50 ${row.compatibility.p50} ms p99 ${row.compatibility.p99} ms; list ${row.certificationList.rps} req/s ` +
          `p50 ${row.certificationList.p50} ms p99 ${row.certificationList.p99} ms; matrix uncached ${row.matrixUncachedP50Ms.toFixed(1)} ms; start-up ${row.startupMs} ms`,
      );
      scaling.push(row);
    }
  }
  const stats = registry.stats;
  const imported = {
    rows: stats.rows,
    writerRowsPerSecond: stats.rows / stats.writerSeconds,
    rawRows: stats.rawRows,
    rawRowsPerSecond: stats.rawRows / stats.rawSeconds,
    writerRowsPerSecondOnRawRows: stats.rawRows / stats.writerSecondsOnRawRows,
  };
  log(
    `import: chipreg writer ${Math.round(imported.writerRowsPerSecond)} rows/s over ${stats.rows} rows; raw insert loop ${Math.round(imported.rawRowsPerSecond)} rows/s ` +
      `vs writer ${Math.round(imported.writerRowsPerSecondOnRawRows)} rows/s over the same ${stats.rawRows} rows (${(imported.writerRowsPerSecondOnRawRows / imported.rawRowsPerSecond).toFixed(2)}×)`,
  );

  const registryFacts = {
    certifications: registry.certifications(),
    chips: registry.catalog.chips.length,
    models: registry.catalog.models.length,
    dbBytes: diskBytes(registry),
  };
  if (options.cluster) {
    const cluster = await runClusterSuite(ctx, options.rounds);
    log(`\nresults: ${writeResults(root, { machine: m, options, registry: registryFacts, ...cluster })}`);
  } else if (options.profile) {
    for (const workload of options.profile.split(','))
      for (const line of await profileWorkload(ctx, workload.trim())) log(line);
  } else {
    const suite = await runInterleavedSuite(
      ctx,
      { rounds: options.rounds, workers: options.workers },
      {
        certifications: registryFacts.certifications,
        import: imported,
        diskBytes: registryFacts.dbBytes,
        scaling: scaling.map((r) => ({
          certifications: r.certifications,
          compatibilityP50: r.compatibility.p50,
          listP50: r.certificationList.p50,
          matrixUncachedP50Ms: r.matrixUncachedP50Ms,
        })),
      },
    );
    log(
      `\nresults: ${writeResults(root, { machine: m, options, registry: registryFacts, import: imported, scaling, ...suite })}`,
    );
  }
  registry.db.close();
} finally {
  if (!options.keep) rmSync(dir, { recursive: true, force: true });
  else log(`registry kept in ${dir}`);
}
