import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { keysFor } from '../helpers/keys.js';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/server.js';
import { assertProblem, startTestApp } from '../helpers/test-app.js';

describe('observability', () => {
  it('GET /metrics exposes request counts and latency by route, submissions by status and the database size', async () => {
    const app = await startTestApp();
    try {
      await app.get('/v1/chips/910B');
      await app.get('/v1/chips/nothing-like-this');
      const res = await app.get('/metrics', keysFor(app.deps).reviewer());
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
      assert.match(res.text, /chipreg_http_requests_total\{method="GET",route="\/v1\/chips\/:id",status="200"\} 1/);
      assert.match(res.text, /chipreg_http_requests_total\{method="GET",route="\/v1\/chips\/:id",status="404"\} 1/);
      assert.match(
        res.text,
        /chipreg_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/v1\/chips\/:id"\}/,
      );
      assert.match(res.text, /chipreg_database_bytes \d+/);
      assert.match(res.text, /# TYPE chipreg_submissions gauge/);
    } finally {
      await app.close();
    }
  });

  it('GET /readyz answers 503 once the database is unavailable, while /healthz stays up', async () => {
    const app = await startTestApp();
    try {
      assert.equal((await app.get('/readyz')).status, 200);
      app.deps.db.close();
      assertProblem(await app.get('/readyz'), 503);
      assert.equal((await app.get('/healthz')).status, 200);
    } finally {
      await app.close();
    }
  });

  it('a request id is echoed, or made up when absent', async () => {
    const app = await startTestApp();
    try {
      assert.equal((await app.get('/healthz', { 'x-request-id': 'abc-123' })).headers.get('x-request-id'), 'abc-123');
      assert.match((await app.get('/healthz')).headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    } finally {
      await app.close();
    }
  });
});

describe('graceful shutdown', () => {
  it('finishes in-flight requests, refuses new ones, and closes the database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipreg-stop-'));
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', CHIPREG_DB: join(dir, 'c.db') });
    const running = await startServer(config, pino({ level: 'silent' }));
    const url = `http://127.0.0.1:${running.port}`;
    let received = 0;
    running.server.on('request', () => received++);
    const inFlight = Promise.all(Array.from({ length: 20 }, () => fetch(`${url}/v1/matrix`).then((r) => r.status)));
    while (received < 20) await new Promise((r) => setImmediate(r));
    const closed = running.close();
    assert.deepEqual(new Set(await inFlight), new Set([200]));
    await closed;
    await assert.rejects(fetch(`${url}/healthz`));
  });
});
