import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createSigningKeyFile } from '../../src/signing/signing-key-file.js';
import { keysFor } from '../helpers/keys.js';
import { assertProblem, assertSchema, startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Specification of the holes an attack run found (issue 15): each answer here was a 5xx, a leak or a
 * wrong yes on the round-1 release.
 */

const example = JSON.parse(readFileSync(new URL('../fixtures/submission-example.json', import.meta.url), 'utf8'));

let app: TestApp;
let keys: ReturnType<typeof keysFor>;
let keyDir: string;
before(async () => {
  keyDir = mkdtempSync(join(tmpdir(), 'chipreg-attack-'));
  app = await startTestApp({ signingKey: createSigningKeyFile(join(keyDir, 'signing.key')) });
  keys = keysFor(app.deps);
});
after(async () => {
  await app.close();
  rmSync(keyDir, { recursive: true, force: true });
});

/** Submits a document as Sophgo and approves it; returns the certification id. */
async function certify(doc: unknown): Promise<string> {
  const created = await app.request('POST', '/v1/submissions', { body: doc, headers: keys.vendor('sophgo') });
  assert.equal(created.status, 201, created.text);
  const decided = await app.request('POST', `/v1/submissions/${created.body.id}/decision`, {
    body: { decision: 'approve', note: 'attack run' },
    headers: keys.reviewer(),
  });
  assert.equal(decided.status, 200, decided.text);
  return decided.body.certification;
}

describe('a NUL byte in a search', () => {
  for (const path of ['/v1/search?q=a%00b', '/v1/chips?q=910%00B', '/v1/models?q=%00']) {
    it(`${path} is a 400 naming the parameter`, async () => {
      const res = await app.get(path);
      assertProblem(res, 400);
      assert.match(res.body.errors[0].pointer, /^\/query\/q$/);
    });
  }

  it('the search page answers a 400 page, not a 500', async () => {
    const res = await app.get('/search?q=a%00b');
    assert.equal(res.status, 400);
    assert.match(res.text, /control characters/);
  });
});

describe('what a public certification shows', () => {
  it('never the location of an artifact, even one without a sha256', async () => {
    const doc = structuredClone(example);
    doc.evidence.artifacts.push({ kind: 'log', uri: 's3://private-bucket/run-42/server.log' });
    const id = await certify(doc);
    for (const path of [`/v1/certifications/${id}`, `/certifications/${id}`, `/v1/certifications?format=csv`]) {
      const res = await app.get(path);
      assert.equal(res.status, 200, path);
      assert.doesNotMatch(res.text, /private-bucket/, path);
    }
    const res = await app.get(`/v1/certifications/${id}`);
    assertSchema(res.body, 'certification.v1.schema.json');
    const check = res.body.evidence.checks.find((c: { id: string }) => c.id === 'l4.artifacts.sha256');
    assert.match(check.message, /\/evidence\/artifacts\/1 \(log\)/);
  });
});

describe('badges', () => {
  it('may be embedded by any site', async () => {
    const id = await certify({
      ...example,
      deployment: { ...example.deployment, form: 'cloud-private' },
    });
    const res = await app.get(`/v1/certifications/${id}/badge.svg`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cross-origin-resource-policy'), 'cross-origin');
  });
});

describe('unsupported methods', () => {
  for (const [method, path, allow] of [
    ['DELETE', '/v1/chips', 'GET, HEAD'],
    ['PUT', '/healthz', 'GET, HEAD'],
    ['POST', '/v1/chips/910B', 'GET, HEAD, PUT'],
    ['GET', '/v1/submissions/SUB-2026-000001/withdraw', 'POST'],
  ] as const) {
    it(`${method} ${path} is a 405 with Allow: ${allow}`, async () => {
      const res = await app.request(method, path);
      assertProblem(res, 405);
      assert.equal(res.headers.get('allow'), allow);
    });
  }

  it('a path that exists for no method stays a 404', async () => {
    assertProblem(await app.request('DELETE', '/v1/nothing-here'), 404);
  });
});

describe('/metrics', () => {
  it('does not tell anonymous clients how many submissions wait, were rejected or withdrawn', async () => {
    const res = await app.get('/metrics');
    assert.equal(res.status, 200);
    assert.match(res.text, /chipreg_http_requests_total/);
    assert.doesNotMatch(res.text, /chipreg_submissions/);
  });

  it('tells a reviewer', async () => {
    const res = await app.get('/metrics', keys.reviewer());
    assert.match(res.text, /chipreg_submissions\{status="approved"\} \d+/);
  });
});

describe('POST /v1/verify', () => {
  it('refuses a certificate that names a member twice (two parsers, two meanings)', async () => {
    const id = await certify({ ...example, deployment: { ...example.deployment, devices: 4 } });
    const signed = (await app.get(`/v1/certifications/${id}/certificate`)).body;
    const text = JSON.stringify(signed).replace('"level":"L3"', '"level":"L4","level":"L3"');
    const res = await app.request('POST', '/v1/verify', {
      raw: text,
      headers: { 'content-type': 'application/json' },
    });
    assertProblem(res, 400);
    assert.deepEqual(res.body.errors[0].pointer, '/certificate/level');
  });

  it('answers invalid when the signed body differs from the registry record', async () => {
    const id = await certify({ ...example, deployment: { ...example.deployment, devices: 8 } });
    const signed = (await app.get(`/v1/certifications/${id}/certificate`)).body;
    const ok = await app.request('POST', '/v1/verify', { body: signed });
    assert.equal(ok.body.valid, true, ok.body.reason);
    // Someone with write access to the file raises the stored level; the old signature stays authentic.
    app.deps.db.prepare(`UPDATE certifications SET facts = json_set(facts, '$.level', 'L4') WHERE id = ?`).run(id);
    const res = await app.request('POST', '/v1/verify', { body: signed });
    assert.equal(res.status, 200);
    assertSchema(res.body, 'responses/verification.v1.schema.json');
    assert.equal(res.body.valid, false);
    assert.match(res.body.reason, /differs from the registry's record .* level/);
  });
});

describe('POST /v1/validate with a huge invalid document', () => {
  it('answers at most 100 errors and their total', async () => {
    const doc = structuredClone(example);
    doc.evidence.accuracy.benchmarks = Array.from({ length: 2000 }, (_, i) => ({ name: `b${i}`, score: 'x' }));
    const res = await app.request('POST', '/v1/validate', { body: doc });
    assert.equal(res.status, 200);
    assertSchema(res.body, 'responses/validation-report.v1.schema.json');
    assert.equal(res.body.errors.length, 100);
    assert.ok(res.body.errorsTotal > 100, String(res.body.errorsTotal));
  });

  it('refuses one with more values than any document holds before validating it', async () => {
    const doc = structuredClone(example);
    doc.evidence.accuracy.benchmarks = Array.from({ length: 10_000 }, (_, i) => ({ name: `b${i}`, score: 'x' }));
    const res = await app.request('POST', '/v1/validate', { body: doc });
    assertProblem(res, 413);
    assert.match(res.body.detail, /more than 25000 values/);
  });
});
