import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { createApp } from '../../src/app.js';
import { importCatalog } from '../../src/catalog/import-catalog.js';
import { openDatabase } from '../../src/db/open-database.js';
import { RECHECK_MS } from '../../src/db/health-repository.js';
import { createDeps } from '../../src/deps.js';
import { dataDir } from '../../src/package-root.js';
import { keysFor } from '../helpers/keys.js';
import { assertProblem, schemas, startTestApp } from '../helpers/test-app.js';

/**
 * Specification: when the database fails under the registry (a full disk, a damaged file), answers
 * are 503 problems with Retry-After, never 500s, and readiness says so; nothing about the failure,
 * and no credential a client sent, reaches a response or the log.
 */

const example = JSON.parse(readFileSync(new URL('../fixtures/submission-example.json', import.meta.url), 'utf8'));
const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('a full disk', () => {
  it('refuses writes with 503 and Retry-After, takes readiness down, and recovers', async () => {
    let clock = new Date('2026-09-01T00:00:00Z');
    const app = await startTestApp({ now: () => clock });
    try {
      const keys = keysFor(app.deps);
      const vendor = keys.vendor('sophgo');
      assert.equal((await app.get('/readyz')).status, 200);
      // SQLite's page limit fills the "disk" at its current size: the next page it needs fails with SQLITE_FULL.
      const pages = app.deps.db.pragma('page_count', { simple: true }) as number;
      app.deps.db.pragma(`max_page_count = ${pages}`);
      let full = null;
      for (let i = 0; i < 50 && !full; i++) {
        const res = await app.request('POST', '/v1/submissions', {
          body: { ...example, deployment: { ...example.deployment, devices: i + 1 } },
          headers: vendor,
        });
        if (res.status !== 201) full = res;
      }
      assert.ok(full, 'the page limit was never reached');
      assertProblem(full, 503);
      assert.equal(full.headers.get('retry-after'), '30');
      assert.match(full.body.detail, /disk is full/);
      assertProblem(await app.get('/readyz'), 503);

      app.deps.db.pragma('max_page_count = 1073741823');
      clock = new Date(clock.getTime() + RECHECK_MS + 1000);
      assert.equal((await app.get('/readyz')).status, 200);
      const res = await app.request('POST', '/v1/submissions', { body: example, headers: vendor });
      assert.equal(res.status, 201, res.text);
    } finally {
      await app.close();
    }
  });
});

describe('a damaged table', () => {
  it('answers 503 where it is read and takes readiness down', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipreg-corrupt-'));
    dirs.push(dir);
    const path = join(dir, 'chipreg.db');
    const setup = openDatabase(path);
    importCatalog(setup, schemas, dataDir());
    const root = setup.prepare(`SELECT rootpage FROM sqlite_schema WHERE name = 'certifications'`).pluck().get();
    const pageSize = setup.pragma('page_size', { simple: true }) as number;
    setup.pragma('wal_checkpoint(TRUNCATE)');
    setup.close();
    // The kind of damage a failing disk does: one page of the table overwritten with noise.
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (Number(root) - 1) * pageSize);
    closeSync(fd);

    const db = openDatabase(path);
    const deps = createDeps({ db, schemas });
    const server = createApp(deps).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const list = await fetch(`${url}/v1/certifications`);
      assert.equal(list.status, 503);
      assert.equal(list.headers.get('retry-after'), '30');
      assert.doesNotMatch(await list.text(), /SQLITE|malformed|SELECT/);
      const ready = await fetch(`${url}/readyz`);
      assert.equal(ready.status, 503);
      assert.match(ready.headers.get('content-type') ?? '', /application\/problem\+json/);
      assert.equal((await fetch(`${url}/healthz`)).status, 200, 'the process itself is alive');
    } finally {
      await new Promise((resolve) => server.close(resolve));
      db.close();
    }
  });
});

describe('credentials in a query string', () => {
  it('never reach the request log', async () => {
    let logged = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logged += String(chunk);
        done();
      },
    });
    const db = openDatabase(':memory:');
    importCatalog(db, schemas, dataDir());
    const deps = createDeps({ db, schemas, log: pino({ level: 'info' }, sink) });
    const key = deps.keys.create({ role: 'reviewer' }, 'test').key;
    const server = createApp(deps).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const query of [`key=${key}`, `api_key=${key}`, `token=secret-token-1`, `q=${key}`])
        await fetch(`${url}/v1/chips?${query}`);
      assert.match(logged, /\/v1\/chips\?/, 'requests are logged');
      assert.doesNotMatch(logged, new RegExp(key.slice(4)));
      assert.doesNotMatch(logged, /secret-token-1/);
      assert.match(logged, /\[redacted\]/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      db.close();
    }
  });
});
