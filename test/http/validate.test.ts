import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { assertProblem, assertSchema, startTestApp, type TestApp } from '../helpers/test-app.js';

const REPORT = 'responses/validation-report.v1.schema.json';
const example = () => JSON.parse(readFileSync(new URL('../fixtures/submission-example.json', import.meta.url), 'utf8'));
let app: TestApp;
before(async () => {
  app = await startTestApp();
});
after(() => app.close());

const validate = async (doc: unknown) => {
  const res = await app.request('POST', '/v1/validate', { body: doc });
  assert.equal(res.status, 200, res.text);
  assertSchema(res.body, REPORT);
  return res.body;
};

describe('POST /v1/validate', () => {
  it('accepts the DESIGN §6.1 example: valid, L3, next level L4', async () => {
    const body = await validate(example());
    assert.equal(body.valid, true);
    assert.deepEqual(body.errors, []);
    assert.equal(body.level.achieved, 'L3');
    assert.equal(body.level.claimed, 'L3');
    assert.equal(body.level.nextLevel.level, 'L4');
    assert.ok(body.level.nextLevel.missing.length > 0);
  });

  it('names a missing required field by its pointer', async () => {
    const doc = example();
    delete doc.deployment.model.revision;
    const body = await validate(doc);
    assert.equal(body.valid, false);
    assert.ok(
      body.errors.some((e: { pointer: string }) => e.pointer === '/deployment/model/revision'),
      JSON.stringify(body.errors),
    );
    assert.equal(body.level, null);
  });

  it('reports an unknown chip and an unknown model together, with suggestions in the text', async () => {
    const doc = example();
    doc.deployment.chip = 'BM1684Y';
    doc.deployment.model.id = 'chatglm3-6c';
    const body = await validate(doc);
    assert.equal(body.valid, false);
    const byPointer = Object.fromEntries(
      body.errors.map((e: { pointer: string; detail: string }) => [e.pointer, e.detail]),
    );
    assert.match(byPointer['/deployment/chip'], /sophgo-bm1684x/);
    assert.match(byPointer['/deployment/model/id'], /chatglm3-6b/);
  });

  it('accepts aliases for chip, model and vendor', async () => {
    const doc = example();
    doc.deployment.chip = 'BM1684X';
    doc.deployment.model.id = 'THUDM/chatglm3-6b';
    doc.submitter.vendor = 'Sophgo';
    assert.equal((await validate(doc)).valid, true);
  });

  it('keeps a document with weak evidence valid and lowers its level, naming the failing check', async () => {
    const doc = example();
    doc.evidence.performance.ttftP90Ms = 5000;
    const body = await validate(doc);
    assert.equal(body.valid, true);
    assert.equal(body.level.achieved, 'L2');
    const failing = body.level.checks.filter((c: { status: string }) => c.status === 'fail');
    assert.ok(
      failing.some((c: { id: string }) => c.id === 'l3.performance.ttftP90'),
      JSON.stringify(failing.map((c: { id: string }) => c.id)),
    );
    assert.ok(failing.every((c: { level: string }) => c.level === 'L3' || c.level === 'L4'));
    assert.equal(body.level.nextLevel.level, 'L3');
  });

  it('answers malformed JSON with 400, a wrong content type with 415 and a huge body with 413', async () => {
    assertProblem(
      await app.request('POST', '/v1/validate', {
        raw: '{"schema": ',
        headers: { 'content-type': 'application/json' },
      }),
      400,
    );
    assertProblem(
      await app.request('POST', '/v1/validate', {
        raw: 'schema=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
    );
    assertProblem(
      await app.request('POST', '/v1/validate', {
        raw: JSON.stringify({ pad: 'x'.repeat(1_100_000) }),
        headers: { 'content-type': 'application/json' },
      }),
      413,
    );
    let deep = '1';
    for (let i = 0; i < 100; i++) deep = `[${deep}]`;
    assertProblem(
      await app.request('POST', '/v1/validate', { raw: deep, headers: { 'content-type': 'application/json' } }),
      400,
    );
  });

  it('stores nothing', async () => {
    const before = app.deps.db.prepare('SELECT count(*) FROM submissions').pluck().get();
    await validate(example());
    assert.equal(app.deps.db.prepare('SELECT count(*) FROM submissions').pluck().get(), before);
  });
});
