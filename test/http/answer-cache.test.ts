import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import helmet from 'helmet';
import { addCertification } from '../helpers/builders.js';
import { keysFor } from '../helpers/keys.js';
import { assertSchema, schemas, startTestApp, type TestApp } from '../helpers/test-app.js';
import { createApp } from '../../src/app.js';
import { createDeps } from '../../src/deps.js';
import { openDatabase } from '../../src/db/open-database.js';
import { importCatalog } from '../../src/catalog/import-catalog.js';
import { dataDir } from '../../src/package-root.js';
import { createAnswerCache, type CachedAnswer } from '../../src/http/answer-cache.js';
import { createCertificationRepository } from '../../src/db/certification-repository.js';

const SCHEMA = 'responses/compatibility.v1.schema.json';
const START = new Date('2026-06-01T00:00:00Z');
let clock = START;
let app: TestApp;
before(async () => {
  app = await startTestApp({ now: () => clock });
});
after(() => app.close());

const compat = async (query: string, headers?: Record<string, string>) => {
  const res = await app.get(`/v1/compatibility?${query}`, headers);
  if (res.status === 200) assertSchema(res.body, SCHEMA);
  return res;
};

describe('answers kept per freshness token', () => {
  it('answers a repeated question with the same bytes and tag, and a write with a new answer and a new tag', async () => {
    const query = 'model=glm-4-9b-chat&chip=hygon-k100-ai';
    const first = await compat(query);
    const again = await compat(query);
    assert.equal(again.text, first.text);
    assert.equal(again.headers.get('etag'), first.headers.get('etag'));
    assert.equal(again.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(first.body.verdict, 'not-certified');

    const id = addCertification(app.deps, { model: 'glm-4-9b-chat', chip: 'hygon-k100-ai', vendor: 'hygon' });
    const revalidated = await compat(query, { 'if-none-match': first.headers.get('etag')! });
    assert.equal(revalidated.status, 200, 'a 304 after a write would keep a stale answer');
    assert.notEqual(revalidated.headers.get('etag'), first.headers.get('etag'));
    assert.equal(revalidated.body.verdict, 'certified');
    assert.equal(revalidated.body.best.id, id);
    const unchanged = await compat(query, { 'if-none-match': revalidated.headers.get('etag')! });
    assert.equal(unchanged.status, 304);
  });

  it('stops answering a revoked certification as certified', async () => {
    const query = 'model=glm-4-9b-chat&chip=cambricon-mlu370-x8';
    const id = addCertification(app.deps, {
      model: 'glm-4-9b-chat',
      chip: 'cambricon-mlu370-x8',
      vendor: 'cambricon',
    });
    assert.equal((await compat(query)).body.verdict, 'certified');
    const revoked = await app.request('POST', `/v1/certifications/${id}/revoke`, {
      body: { reason: 'withdrawn by the vendor' },
      headers: keysFor(app.deps).reviewer(),
    });
    assert.equal(revoked.status, 204, revoked.text);
    const body = (await compat(query)).body;
    assert.equal(body.verdict, 'related');
    assert.equal(body.related[0].certification.status, 'revoked');
  });

  it('stops answering a certification as certified once it expires, with no write in between', async () => {
    const query = 'model=glm-4-9b-chat&chip=iluvatar-corex-bi-v150';
    addCertification(app.deps, {
      model: 'glm-4-9b-chat',
      chip: 'iluvatar-corex-bi-v150',
      vendor: 'iluvatar-corex',
      validUntil: '2026-07-01T00:00:00.000Z',
    });
    const before = await compat(query);
    assert.equal(before.body.verdict, 'certified');
    assert.equal((await compat(query)).text, before.text);
    clock = new Date('2026-07-01T00:00:00.001Z');
    try {
      const after = await compat(query, { 'if-none-match': before.headers.get('etag')! });
      assert.equal(after.status, 200);
      assert.notEqual(after.headers.get('etag'), before.headers.get('etag'));
      assert.equal(after.body.verdict, 'related');
      assert.equal(after.body.related[0].certification.status, 'expired');
    } finally {
      clock = START;
    }
  });

  it('keeps lists and searches too, with their headers, apart per Accept', async () => {
    for (let i = 0; i < 3; i++)
      addCertification(app.deps, { model: 'qwen1.5-7b-chat', chip: 'metax-c500', vendor: 'metax', devices: i + 1 });
    const path = '/v1/certifications?chip=metax-c500&limit=2';
    const json = await app.get(path);
    const again = await app.get(path);
    assert.equal(again.text, json.text);
    assert.equal(again.headers.get('link'), json.headers.get('link'));
    assert.match(json.headers.get('link') ?? '', /rel="next"/);
    const csv = await app.get(path, { accept: 'text/csv' });
    const csvAgain = await app.get(path, { accept: 'text/csv' });
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    assert.equal(csvAgain.text, csv.text);
    assert.equal(csvAgain.headers.get('content-disposition'), 'attachment; filename="certifications.csv"');
    assert.equal(csvAgain.headers.get('link'), json.headers.get('link'));

    const search = await app.get('/v1/search?q=910');
    assert.equal((await app.get('/v1/search?q=910')).text, search.text);
    assert.ok(search.body.items.length > 0);
  });

  it('answers a cached question with the headers of a fresh answer, and counts it under its route', async () => {
    const query = 'model=chatglm3-6b&chip=huawei-ascend-910b';
    const fresh = await compat(query);
    const cached = await compat(query);
    const names = (res: { headers: Headers }) =>
      [...res.headers.keys()].filter((n) => !['date', 'x-request-id', 'keep-alive', 'connection'].includes(n));
    assert.deepEqual(names(cached), names(fresh));
    for (const name of names(fresh)) assert.equal(cached.headers.get(name), fresh.headers.get(name), name);
    const metrics = await app.get('/metrics');
    assert.match(metrics.text, /chipreg_http_requests_total\{method="GET",route="\/v1\/compatibility",status="200"\}/);
    assert.doesNotMatch(metrics.text, /route="unmatched",status="200"/);
  });

  it('sets exactly the security headers helmet sets', async () => {
    const expected = new Map<string, string>();
    const recorder = {
      setHeader: (name: string, value: string) => expected.set(name.toLowerCase(), value),
      removeHeader: () => undefined,
    };
    helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } })(
      {} as IncomingMessage,
      recorder as unknown as ServerResponse,
      () => undefined,
    );
    assert.ok(expected.has('content-security-policy'));
    for (const path of ['/v1/compatibility?model=chatglm3-6b&chip=910B', '/v1/chips', '/', '/v1/nothing-here']) {
      const res = await app.get(path);
      for (const [name, value] of expected) assert.equal(res.headers.get(name), value, `${path}: ${name}`);
      assert.equal(res.headers.get('x-powered-by'), null);
    }
  });

  it('never keeps an answer for an authenticated request', async () => {
    const res = await compat('model=chatglm3-6b&chip=huawei-ascend-910b', keysFor(app.deps).reviewer());
    assert.equal(res.headers.get('cache-control'), 'private, no-store');
    assert.equal(res.headers.get('etag'), null);
  });
});

describe('a write by another connection to the same database file', () => {
  it('is seen by the next request (another process, a CLI import)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipreg-answer-cache-'));
    const file = join(dir, 'registry.db');
    const db = openDatabase(file);
    importCatalog(db, schemas, dataDir(), { now: () => START });
    const deps = createDeps({ db, schemas, now: () => START });
    const server: Server = await new Promise((resolve) => {
      const s = createApp(deps).listen(0, '127.0.0.1', () => resolve(s));
    });
    const other = openDatabase(file);
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/compatibility?model=qwen1.5-7b-chat&chip=moore-threads-mtt-s4000`;
      const first = await fetch(url);
      const before = (await first.json()) as { verdict: string };
      assert.equal(before.verdict, 'not-certified');
      addCertification(createDeps({ db: other, schemas, now: () => START }), {
        model: 'qwen1.5-7b-chat',
        chip: 'moore-threads-mtt-s4000',
        vendor: 'moore-threads',
      });
      const second = await fetch(url);
      assert.equal(((await second.json()) as { verdict: string }).verdict, 'certified');
      assert.notEqual(second.headers.get('etag'), first.headers.get('etag'));
    } finally {
      await new Promise((resolve) => server.close(resolve));
      other.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('certification lists spliced from the stored JSON', () => {
  it('answer the very bytes the parsed certifications would serialise to: revoked, superseded, with a headline, declarations', async () => {
    const headline = {
      point: 'p1',
      scenario: 'server',
      concurrency: 8,
      devices: 1,
      outputTokensPerSecond: 1234.5,
      outputTokensPerSecondPerDevice: 1234.5,
      ttftP99Ms: 812,
      tpotP99Ms: null,
    } as const;
    addCertification(app.deps, { model: 'glm-4-9b-chat', chip: 'biren-br104', vendor: 'biren', headline });
    const old = addCertification(app.deps, { model: 'glm-4-9b-chat', chip: 'biren-br100', vendor: 'biren' });
    addCertification(app.deps, { model: 'glm-4-9b-chat', chip: 'biren-br100', vendor: 'biren' });
    const revoked = addCertification(app.deps, {
      model: 'glm-4-9b-chat',
      chip: 'biren-br100',
      vendor: 'biren',
      devices: 8,
    });
    await app.request('POST', `/v1/certifications/${revoked}/revoke`, {
      body: { reason: 'a "quoted" reason \\ with 中文' },
      headers: keysFor(app.deps).reviewer(),
    });
    for (const query of [
      { limit: 500 },
      { limit: 3, vendor: 'biren' },
      { limit: 50, model: 'glm-4-9b-chat', precision: 'bf16' as const },
    ]) {
      const path = `/v1/certifications?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`;
      const res = await app.get(path);
      assert.equal(res.status, 200);
      assert.equal(res.text, JSON.stringify(app.deps.certifications.list(query, query)), path);
    }
    const all = (await app.get('/v1/certifications?limit=500')).body.items as Array<{
      id: string;
      status: string;
      headline: unknown;
      revocation: unknown;
    }>;
    assert.equal(all.find((c) => c.id === old)?.status, 'superseded');
    assert.deepEqual(all.find((c) => c.id === revoked)?.revocation, {
      at: START.toISOString(),
      reason: 'a "quoted" reason \\ with 中文',
    });
    assert.ok(all.some((c) => c.headline !== null));
    assert.ok(all.some((c) => c.status === 'active' && c.headline === null));
  });
});

describe('compatibility candidates', () => {
  it('carry exactly the fields of the certification they stand for', () => {
    addCertification(app.deps, { model: 'glm-4-9b-chat', chip: 'kunlunxin-p800', vendor: 'kunlunxin', stack: [] });
    addCertification(app.deps, {
      model: 'glm-4-9b-chat',
      chip: 'kunlunxin-p800',
      vendor: 'kunlunxin',
      precision: 'w8a8',
      form: 'public-api',
    });
    const repo = createCertificationRepository(app.deps.db);
    const pairs = app.deps.db
      .prepare('SELECT DISTINCT model_id AS model, chip_id AS chip FROM certifications')
      .all() as Array<{ model: string; chip: string }>;
    assert.ok(pairs.length > 10);
    let seen = 0;
    for (const { model, chip } of pairs) {
      const now = clock.toISOString();
      const candidates = repo.pairCandidates(model, chip, now);
      assert.deepEqual(
        candidates.map((c) => c.certification()),
        repo.forPair(model, chip, now),
      );
      for (const c of candidates) {
        const cert = c.certification();
        const { level, verified, status, precision, precisions, form, stack } = cert;
        assert.deepEqual(
          {
            level: c.level,
            verified: c.verified,
            status: c.status,
            precision: c.precision,
            precisions: c.precisions,
            form: c.form,
            stack: c.stack,
          },
          { level, verified, status, precision, precisions, form, stack },
          cert.id,
        );
        seen++;
      }
    }
    assert.ok(seen > 20);
  });
});

describe('createAnswerCache', () => {
  const answer = (bytes: number): CachedAnswer => ({
    body: 'x'.repeat(bytes),
    length: bytes,
    contentType: 'application/json; charset=utf-8',
    headers: [],
    route: '/v1/compatibility',
  });

  it('holds no more than its byte bound and, once full, keeps what it holds (a cycle of questions still hits)', () => {
    const cache = createAnswerCache(100_000);
    cache.get('1', 'warm');
    for (let round = 0; round < 2; round++)
      for (let i = 0; i < 100; i++) if (!cache.get('1', `q${i}`)) cache.set('1', `q${i}`, answer(5_000));
    assert.ok(cache.bytes <= 100_000, String(cache.bytes));
    assert.ok(cache.get('1', 'q0'));
    assert.equal(cache.get('1', 'q99'), undefined);
  });

  it('forgets every answer when the token changes, and keeps none for an older token', () => {
    const cache = createAnswerCache(100_000);
    cache.get('1', 'warm');
    cache.set('1', 'q', answer(10));
    assert.ok(cache.get('1', 'q'));
    assert.equal(cache.get('2', 'q'), undefined);
    cache.set('1', 'q', answer(10));
    assert.equal(cache.get('2', 'q'), undefined);
    assert.equal(cache.size, 0);
  });
});
