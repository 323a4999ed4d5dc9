import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createAuditRepository } from '../../src/db/audit-repository.js';
import { openDatabase } from '../../src/db/open-database.js';
import { dataDir, packageRoot } from '../../src/package-root.js';
import { cli } from '../helpers/run-cli.js';

const example = JSON.parse(readFileSync(new URL('../fixtures/submission-example.json', import.meta.url), 'utf8'));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

function serve(dir: string, port: number): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', String(port), '--db', join(dir, 'c.db')],
    {
      cwd: packageRoot(),
      env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'silent', CHIPREG_SIGNING_KEY: join(dir, 'signing.key') },
      stdio: 'ignore',
    },
  );
}

async function ready(port: number): Promise<void> {
  // Up to a minute: a tsx start on a busy 2-core machine can take tens of seconds.
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server on ${port} never became ready`);
}

describe('durability', () => {
  it(
    'keeps every acknowledged submission, an intact database and a verifiable audit chain across SIGKILL',
    { timeout: 120_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'chipreg-kill-'));
      const db = join(dir, 'c.db');
      assert.equal((await cli(['import', dataDir(), '--db', db])).code, 0);
      const key = (await cli(['keys', 'create', '--role', 'vendor', '--vendor', 'sophgo', '--db', db])).stdout.trim();
      const ports = [await freePort(), await freePort()];
      const servers = ports.map((port) => serve(dir, port));
      await Promise.all(ports.map(ready));

      const acknowledged: string[] = [];
      const failures: string[] = [];
      let n = 0;
      let running = true;
      const client = async (lane: number) => {
        while (running) {
          const i = n++;
          const doc = structuredClone(example);
          doc.deployment.devices = 1 + (i % 64);
          try {
            const res = await fetch(`http://127.0.0.1:${ports[(lane + i) % 2]}/v1/submissions`, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${key}`,
                'idempotency-key': `kill-${i}`,
              },
              body: JSON.stringify(doc),
            });
            const body = (await res.json()) as { id?: string };
            if (res.status === 201 && body.id) acknowledged.push(body.id);
            else failures.push(`${res.status} ${JSON.stringify(body)}`);
          } catch {
            // connection refused or reset by the killed server: not acknowledged, so nothing is promised
          }
        }
      };
      const lanes = [0, 1, 2, 3].map(client);
      /** Waits until `count` submissions are acknowledged; bounded, and cut short by any error answer. */
      const acknowledgedReach = async (count: number) => {
        const deadline = Date.now() + 30_000;
        while (acknowledged.length < count && failures.length === 0 && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 20));
      };
      try {
        await acknowledgedReach(40);
        servers[0]!.kill('SIGKILL');
        await acknowledgedReach(acknowledged.length + 20);
      } finally {
        for (const server of servers) server.kill('SIGKILL');
        running = false;
        await Promise.all(lanes);
      }
      assert.ok(acknowledged.length >= 60, `only ${acknowledged.length} submissions were acknowledged`);

      assert.deepEqual(
        failures,
        [],
        'no request may fail with an error answer (SQLITE_BUSY must never reach a client)',
      );
      const restarted = serve(dir, ports[0]!);
      try {
        await ready(ports[0]!);
        const handle = openDatabase(db);
        try {
          assert.equal(handle.pragma('integrity_check', { simple: true }), 'ok');
          const stored = new Set(handle.prepare('SELECT id FROM submissions').pluck().all() as string[]);
          const missing = acknowledged.filter((id) => !stored.has(id));
          assert.deepEqual(missing, [], 'every submission answered with 201 must survive');
          assert.equal(createAuditRepository(handle).verify().valid, true);
        } finally {
          handle.close();
        }
      } finally {
        restarted.kill('SIGKILL');
      }
    },
  );
});
