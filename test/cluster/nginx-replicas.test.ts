import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { renderNginxConf } from '../../deploy/nginx-conf.js';
import { createDeps } from '../../src/deps.js';
import { openDatabase } from '../../src/db/open-database.js';
import { addCertification } from '../helpers/builders.js';
import { keysFor } from '../helpers/keys.js';
import { assertSchema } from '../helpers/test-app.js';

/**
 * Specification of the scale-out (issue 14): nginx in front of a primary and two replicas following it,
 * all on 127.0.0.1. A write is served by every replica within CATCH_UP_MS; a replica that dies costs no
 * read; one that comes back catches up.
 */

const NGINX = '/usr/sbin/nginx';
const CATCH_UP_MS = 5_000;
const root = new URL('../..', import.meta.url).pathname;
const example = JSON.parse(readFileSync(new URL('../fixtures/submission-example.json', import.meta.url), 'utf8'));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 50 ms until it is true or `ms` passed; returns the time it took, or throws. */
async function within(ms: number, what: string, check: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < ms) {
    if (await check().catch(() => false)) return Date.now() - start;
    await sleep(50);
  }
  throw new Error(`not within ${ms} ms: ${what}`);
}

async function getJson(port: number, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

const revisionAt = async (port: number) => (await getJson(port, '/v1/meta')).body.dataRevision as number;

function chipreg(args: string[], port: number): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'serve', '--port', String(port), ...args],
    {
      cwd: root,
      env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

const hasNginx = existsSync(NGINX);

describe(
  'nginx in front of a primary and two replicas',
  { skip: hasNginx ? false : `${NGINX} is absent: install Debian's nginx-light` },
  () => {
    let dir: string;
    let primaryDb: string;
    let ports: { nginx: number; primary: number; replicas: number[] };
    let primary: ChildProcess | undefined;
    const replicas: Array<ChildProcess | undefined> = [];
    let nginxConf: string;

    const startReplica = (i: number) =>
      chipreg(
        [
          '--db',
          join(dir, `replica-${i}.db`),
          '--follow',
          primaryDb,
          '--primary-url',
          `http://127.0.0.1:${ports.primary}`,
          '--poll-ms',
          '100',
        ],
        ports.replicas[i]!,
      );

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'chipreg-cluster-'));
      // nginx's workers drop to `nobody` when the test runs as root; they must reach the cache and temp paths.
      chmodSync(dir, 0o755);
      mkdirSync(join(dir, 'temp'));
      chmodSync(join(dir, 'temp'), 0o777);
      primaryDb = join(dir, 'primary.db');
      ports = { nginx: await freePort(), primary: await freePort(), replicas: [await freePort(), await freePort()] };
      primary = chipreg(['--db', primaryDb], ports.primary);
      await within(30_000, 'the primary answers', async () => (await revisionAt(ports.primary)) > 0);
      replicas[0] = startReplica(0);
      replicas[1] = startReplica(1);
      for (const port of ports.replicas)
        await within(30_000, 'a replica answers', async () => (await revisionAt(port)) > 0);

      nginxConf = join(dir, 'nginx.conf');
      writeFileSync(
        nginxConf,
        renderNginxConf({
          prefix: dir,
          listen: `127.0.0.1:${ports.nginx}`,
          primary: `127.0.0.1:${ports.primary}`,
          replicas: ports.replicas.map((p) => `127.0.0.1:${p}`),
        }),
      );
      const started = spawnSync(NGINX, ['-p', dir, '-c', nginxConf], { encoding: 'utf8' });
      assert.equal(started.status, 0, started.stderr);
      await within(5_000, 'nginx answers', async () => (await revisionAt(ports.nginx)) > 0);
    });

    after(async () => {
      if (nginxConf) spawnSync(NGINX, ['-p', dir, '-c', nginxConf, '-s', 'stop']);
      for (const child of [...replicas, primary]) await stop(child);
      rmSync(dir, { recursive: true, force: true });
    });

    it('a replica reports its lag in /v1/meta and /readyz, and refuses writes naming the primary', async () => {
      const meta = await getJson(ports.replicas[0]!, '/v1/meta');
      assertSchema(meta.body, 'responses/meta.v1.schema.json');
      const replica = meta.body.replica as { primary: string; revision: number; primaryRevision: number };
      assert.equal(replica.primary, `http://127.0.0.1:${ports.primary}`);
      assert.equal(replica.revision, meta.body.dataRevision);
      const ready = await getJson(ports.replicas[0]!, '/readyz');
      assert.equal(typeof (ready.body.replica as { lagSeconds: number }).lagSeconds, 'number');
      const write = await fetch(`http://127.0.0.1:${ports.replicas[0]}/v1/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(example),
      });
      assert.equal(write.status, 503);
      assert.equal(write.headers.get('content-type'), 'application/problem+json; charset=utf-8');
      const problem = (await write.json()) as Record<string, unknown>;
      assertSchema(problem, 'responses/problem.v1.schema.json');
      assert.equal(problem.code, 'read-only-replica');
      assert.equal(problem.primary, `http://127.0.0.1:${ports.primary}`);
      assert.equal((await getJson(ports.primary, '/v1/meta')).body.replica, undefined);
    });

    it(`a submission approved through nginx is served by nginx and every replica within ${CATCH_UP_MS} ms`, async () => {
      // Keys are written straight into the primary's database, as `chipreg keys create` would.
      const db = openDatabase(primaryDb, { migrate: false });
      const keys = keysFor(createDeps({ db }));
      const vendor = keys.vendor('sophgo');
      const reviewer = keys.reviewer();
      db.close();
      const post = (path: string, body: unknown, headers: Record<string, string>) =>
        fetch(`http://127.0.0.1:${ports.nginx}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });
      const created = await post('/v1/submissions', example, vendor);
      assert.equal(created.status, 201, await created.clone().text());
      const id = ((await created.json()) as { id: string }).id;
      const decided = await post(`/v1/submissions/${id}/decision`, { decision: 'approve', note: 'cluster' }, reviewer);
      assert.equal(decided.status, 200, await decided.clone().text());
      const target = await revisionAt(ports.primary);

      const lags = await Promise.all(
        ports.replicas.map((port) =>
          within(CATCH_UP_MS, `replica ${port} serves ${target}`, async () => (await revisionAt(port)) >= target),
        ),
      );
      const viaNginx = await within(
        CATCH_UP_MS,
        'nginx serves the new revision',
        async () => (await revisionAt(ports.nginx)) >= target,
      );
      console.log(`# replica lag after a write: ${lags.join(' ms, ')} ms; through nginx (1 s cache): ${viaNginx} ms`);
      for (const port of ports.replicas) {
        const status = (await getJson(port, '/readyz')).body.replica as { revision: number; lagSeconds: number };
        assert.ok(status.revision >= target);
      }
    });

    it('a replica killed under reads costs no failed read; restarted, it catches up with writes it missed', async () => {
      let failures = 0;
      let reads = 0;
      let reading = true;
      const reader = (async () => {
        for (let i = 0; reading && i < 2_000; i++) {
          // /readyz is never cached: every read reaches a replica (or the primary as backup).
          const res = await fetch(`http://127.0.0.1:${ports.nginx}/readyz`).catch(() => null);
          reads++;
          if (!res || res.status !== 200) failures++;
          await res?.arrayBuffer();
        }
      })();
      await sleep(300);
      await stop(replicas[0]);
      await sleep(1_000);

      const db = openDatabase(primaryDb, { migrate: false });
      addCertification(createDeps({ db }));
      db.close();
      const target = await revisionAt(ports.primary);

      replicas[0] = startReplica(0);
      const caughtUp = await within(
        30_000,
        'the restarted replica catches up',
        async () => (await revisionAt(ports.replicas[0]!)) >= target,
      );
      reading = false;
      await reader;
      console.log(
        `# restarted replica served revision ${target} ${caughtUp} ms after its start; ${reads} reads, ${failures} failed`,
      );
      assert.ok(reads > 0);
      assert.equal(failures, 0);
    });
  },
);
