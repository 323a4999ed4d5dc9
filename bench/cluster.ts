import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderNginxConf } from '../deploy/nginx-conf.js';
import { freePort, get, startChild, type ChildServer } from './child-server.js';
import { interleave, runLoad, summarise, type Sample, type Summary, type Workload } from './measure.js';
import { node, startChipreg, type SuiteContext } from './suite.js';

const NGINX = '/usr/sbin/nginx';
/** Queries repeated by the cache-hit load: few enough that every one stays in nginx's cache. */
const HIT_QUERIES = 50;

/**
 * The two loads, both compatibility queries: `hits` repeats HIT_QUERIES of them, so through nginx
 * nearly every answer comes from its cache (each entry is kept 1 s, then revalidated by ETag, a 304
 * from chipreg); `misses` rotates over all of them with an `Accept` header unique to each request
 * (`application/json, application/x-bench-<n>;q=0.1`): nginx keys its cache on `Accept`, so no
 * request is answered from the cache and each reaches a replica; chipreg answers JSON as usual.
 * chipreg alone gets exactly the same requests. `x-cache-status` is counted to show it.
 */
export function clusterWorkloads(ctx: SuiteContext): { hits: Workload; misses: Workload } {
  const paths = ctx.workloads.compatibility.paths;
  return {
    hits: { name: 'cache hits', paths: paths.slice(0, HIT_QUERIES), tally: 'x-cache-status' },
    misses: {
      name: 'cache misses',
      paths,
      tally: 'x-cache-status',
      headersOf: (n) => ({ accept: `application/json, application/x-bench-${n};q=0.1` }),
    },
  };
}

/** nginx (deploy/nginx.conf.template) in front of a primary on the bench registry and two replicas following it. */
async function startCluster(ctx: SuiteContext, round: number) {
  const dir = mkdtempSync(join(tmpdir(), 'chipreg-bench-nginx-'));
  // nginx's workers drop to `nobody` when the bench runs as root; they must reach the cache and temp paths.
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'temp'));
  chmodSync(join(dir, 'temp'), 0o777);
  const servers: ChildServer[] = [];
  let conf: string | null = null;
  const stop = async () => {
    if (conf) spawnSync(NGINX, ['-p', dir, '-c', conf, '-s', 'stop']);
    for (const s of servers.reverse()) await s.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const ready = ctx.workloads.compatibility.paths[0]!;
    const env = { CHIPREG_DB: ctx.registry.path, CHIPREG_SIGNING_KEY: join(ctx.dir, 'signing.key') };
    const primary = await startChild('primary', [...node(ctx, 'src/cli/main.ts'), 'serve'], env, ready);
    servers.push(primary);
    for (const i of [0, 1]) {
      // The replica files outlive the round (in the bench's directory): a restarted replica serves its copy at once.
      const args = ['serve', '--follow', ctx.registry.path, '--db', join(ctx.dir, `replica-${i}.db`)];
      args.push('--primary-url', primary.origin, '--poll-ms', '200');
      servers.push(await startChild(`replica ${i}`, [...node(ctx, 'src/cli/main.ts'), ...args], env, ready));
    }
    const port = await freePort();
    conf = join(dir, 'nginx.conf');
    const address = (s: ChildServer) => s.origin.replace('http://', '');
    writeFileSync(
      conf,
      renderNginxConf({
        prefix: dir,
        listen: `127.0.0.1:${port}`,
        primary: address(primary),
        replicas: servers.slice(1).map(address),
      }),
    );
    const started = spawnSync(NGINX, ['-p', dir, '-c', conf], { encoding: 'utf8' });
    if (started.status !== 0) throw new Error(`bench: nginx did not start: ${started.stderr}`);
    const origin = `http://127.0.0.1:${port}`;
    for (let waited = 0; (await get(origin, ready)).status !== 200; waited += 50) {
      if (waited > 10_000) throw new Error(`bench: nginx gave no answer to ${ready} (round ${round + 1})`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return {
      origin,
      /** RSS of the three chipreg processes (nginx's own is small and not counted). */
      rssMB: () => servers.reduce((sum, s) => sum + s.rssMB(), 0),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** One round: chipreg alone, then the cluster, each under the hit and the miss load. */
function segments(ctx: SuiteContext): Array<(round: number) => Promise<Record<string, Sample>>> {
  const { hits, misses } = clusterWorkloads(ctx);
  const loads = async (origin: string, rss: () => number, prefix: string) => {
    await runLoad(origin, hits, { ...ctx.load, seconds: ctx.warmupSeconds });
    return {
      [`${prefix}Hits`]: await runLoad(origin, hits, ctx.load, rss),
      [`${prefix}Misses`]: await runLoad(origin, misses, ctx.load, rss),
    };
  };
  return [
    async (round) => {
      ctx.log(`round ${round + 1}: chipreg alone`);
      const server = await startChipreg(ctx);
      try {
        return await loads(server.origin, server.rssMB, 'alone');
      } finally {
        await server.stop();
      }
    },
    async (round) => {
      ctx.log('  nginx + primary + 2 replicas');
      const cluster = await startCluster(ctx, round);
      try {
        return await loads(cluster.origin, cluster.rssMB, 'cluster');
      } finally {
        await cluster.stop();
      }
    },
  ];
}

const tallyOf = (s: Summary) => {
  const counts: Record<string, number> = {};
  for (const r of s.rounds) for (const [k, n] of Object.entries(r.tally ?? {})) counts[k] = (counts[k] ?? 0) + n;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${((100 * n) / total).toFixed(1)}%`)
    .join(', ');
};

/**
 * `--cluster`: throughput and latency through nginx in front of a primary and two replicas, against
 * one chipreg alone, in interleaved rounds; prints the medians and the ratios.
 */
export async function runClusterSuite(ctx: SuiteContext, rounds: number) {
  if (!existsSync(NGINX)) throw new Error(`bench --cluster: ${NGINX} is absent (Debian: apt-get install nginx-light)`);
  const samples = await interleave(rounds, segments(ctx));
  const s = (name: string) => summarise(samples.get(name) ?? []);
  const rows: Array<[string, Summary, Summary | null]> = [
    ['chipreg alone: repeated queries', s('aloneHits'), null],
    ['nginx cluster: cache hits', s('clusterHits'), s('aloneHits')],
    ['chipreg alone: unique Accept', s('aloneMisses'), null],
    ['nginx cluster: cache misses', s('clusterMisses'), s('aloneMisses')],
  ];
  const pad = (v: string | number, n: number) => String(v).padStart(n);
  ctx.log('');
  ctx.log(
    `${'segment'.padEnd(34)}${pad('req/s', 9)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('×alone', 8)}${pad('RSS MB', 8)}${pad('bad', 5)}  x-cache-status`,
  );
  for (const [name, row, alone] of rows)
    ctx.log(
      `${name.padEnd(34)}${pad(row.rps, 9)}${pad(row.p50.toFixed(2), 9)}${pad(row.p99.toFixed(2), 9)}` +
        `${pad(alone ? (row.rps / alone.rps).toFixed(2) : '', 8)}${pad(row.rssMB ?? '', 8)}${pad(row.unexpected, 5)}  ${tallyOf(row)}`,
    );
  return { cluster: Object.fromEntries([...samples.keys()].map((k) => [k, s(k)])) };
}
