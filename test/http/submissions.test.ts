import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { keysFor } from '../helpers/keys.js';
import { assertProblem, assertSchema, startTestApp, type TestApp } from '../helpers/test-app.js';

const example = () => JSON.parse(readFileSync(new URL('../fixtures/submission-example.json', import.meta.url), 'utf8'));
let app: TestApp;
let sophgo: Record<string, string>;
let huawei: Record<string, string>;
let reviewer: Record<string, string>;
const count = (table: string) => app.deps.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

before(async () => {
  app = await startTestApp();
  const keys = keysFor(app.deps);
  sophgo = keys.vendor('sophgo');
  huawei = keys.vendor('huawei');
  reviewer = keys.reviewer();
});
after(() => app.close());

async function submit(doc: unknown, headers: Record<string, string> = sophgo) {
  return app.request('POST', '/v1/submissions', { body: doc, headers });
}

async function decide(id: string, body: unknown, headers: Record<string, string> = reviewer) {
  return app.request('POST', `/v1/submissions/${id}/decision`, { body, headers });
}

describe('POST /v1/submissions', () => {
  it('answers 401 without a key and 403 for a reviewer key', async () => {
    assertProblem(await submit(example(), {}), 401);
    assertProblem(
      await submit(example(), { authorization: 'Bearer crk_000000000000_not-a-real-key-not-a-real-key-not-a-real-k' }),
      401,
    );
    assertProblem(await submit(example(), reviewer), 403);
  });

  it('answers 403 when a vendor submits for another vendor, storing nothing', async () => {
    const before = count('submissions');
    assertProblem(await submit(example(), huawei), 403);
    assert.equal(count('submissions'), before);
  });

  it('refuses an invalid document with 422, every pointer, and stores nothing', async () => {
    const doc = example();
    delete doc.deployment.precision;
    doc.deployment.chip = 'no-such-chip';
    doc.evidence.functional.crashes = -1;
    const before = [count('submissions'), count('audit_log')];
    const res = await submit(doc);
    assertProblem(res, 422);
    const pointers = res.body.errors.map((e: { pointer: string }) => e.pointer);
    assert.ok(pointers.includes('/deployment/precision'), JSON.stringify(pointers));
    assert.ok(pointers.includes('/evidence/functional/crashes'), JSON.stringify(pointers));
    assert.deepEqual([count('submissions'), count('audit_log')], before);
  });

  it('creates an in-review submission with its level report', async () => {
    const res = await submit(example());
    assert.equal(res.status, 201, res.text);
    assertSchema(res.body, 'responses/submission-created.v1.schema.json');
    assert.equal(res.body.status, 'in-review');
    assert.equal(res.body.level.achieved, 'L3');
  });

  it('replays the first answer for a repeated Idempotency-Key and stores nothing new', async () => {
    const headers = { ...sophgo, 'idempotency-key': 'run-42' };
    const first = await submit(example(), headers);
    const before = count('submissions');
    const again = await submit(example(), headers);
    assert.equal(again.status, 201);
    assert.deepEqual(again.body, first.body);
    assert.equal(count('submissions'), before);
    const changed = example();
    changed.deployment.devices = 2;
    assertProblem(await submit(changed, headers), 409);
  });
});

describe('reading submissions', () => {
  it('lets a vendor read its own submission and hides it from another vendor with 404', async () => {
    const { body } = await submit(example());
    const own = await app.get(`/v1/submissions/${body.id}`, sophgo);
    assert.equal(own.status, 200);
    assertSchema(own.body, 'submission-record.v1.schema.json');
    assertProblem(await app.get(`/v1/submissions/${body.id}`, huawei), 404);
    assert.equal((await app.get(`/v1/submissions/${body.id}`, reviewer)).status, 200);
    const list = await app.get('/v1/submissions?status=in-review', huawei);
    assertSchema(list.body, 'responses/submission-list.v1.schema.json');
    assert.ok(list.body.items.every((s: { vendor: string }) => s.vendor === 'huawei'));
  });
});

describe('the review workflow', () => {
  it('approve → the certification appears in certifications, compatibility and the matrix', async () => {
    const { body } = await submit(example());
    assertProblem(await decide(body.id, { decision: 'approve', level: 'L4' }), 422);
    assertProblem(await decide(body.id, { decision: 'approve' }, sophgo), 403);
    const approved = await decide(body.id, { decision: 'approve', note: 'evidence reviewed' });
    assert.equal(approved.status, 200, approved.text);
    assertSchema(approved.body, 'submission-record.v1.schema.json');
    assert.equal(approved.body.status, 'approved');
    const certId = approved.body.certification;
    assert.match(certId, /^CERT-\d{4}-\d{6}$/);

    const cert = await app.get(`/v1/certifications/${certId}`);
    assertSchema(cert.body, 'certification.v1.schema.json');
    assert.deepEqual([cert.body.level, cert.body.status, cert.body.precision], ['L3', 'active', 'int4']);
    assert.ok(
      cert.body.evidence.checks.some(
        (c: { id: string; status: string }) => c.id === 'l3.performance.ttftP90' && c.status === 'pass',
      ),
    );
    const listed = (await app.get('/v1/certifications?model=chatglm3-6b&chip=BM1684X&minLevel=L1')).body.items;
    assert.ok(listed.length > 0 && listed.every((c: object) => !('evidence' in c)), 'lists leave the evidence out');
    const compat = await app.get('/v1/compatibility?model=chatglm3-6b&chip=BM1684X&precision=int4');
    assertSchema(compat.body, 'responses/compatibility.v1.schema.json');
    assert.equal(compat.body.verdict, 'certified');
    assert.equal(compat.body.best.id, certId);
    const matrix = await app.get('/v1/matrix?deviceClass=edge');
    const cell = matrix.body.cells.find(
      (c: { model: string; chip: string }) => c.model === 'chatglm3-6b' && c.chip === 'sophgo-bm1684x',
    );
    assert.deepEqual([cell.level, cell.verified], ['L3', true]);
    assertProblem(await decide(body.id, { decision: 'reject', note: 'too late' }), 409);
  });

  it('a second approval of the same deployment supersedes the first; revoking it leaves nothing certified', async () => {
    const doc = example();
    doc.deployment.devices = 4;
    const first = (await decide((await submit(doc)).body.id, { decision: 'approve' })).body.certification;
    doc.deployment.stack[0].version = '0.5.1';
    const second = (await decide((await submit(doc)).body.id, { decision: 'approve', level: 'L2' })).body.certification;
    assert.equal((await app.get(`/v1/certifications/${first}`)).body.status, 'superseded');
    assert.equal((await app.get(`/v1/certifications/${first}`)).body.supersededBy, second);

    const revoke = await app.request('POST', `/v1/certifications/${second}/revoke`, {
      body: { reason: 'benchmark logs did not match' },
      headers: reviewer,
    });
    assert.equal(revoke.status, 204);
    const cert = await app.get(`/v1/certifications/${second}`);
    assert.equal(cert.body.status, 'revoked');
    const list = await app.get('/v1/revocations');
    assertSchema(list.body, 'responses/revocation-list.v1.schema.json');
    assert.ok(
      list.body.revocations.items.some(
        (r: { id: string; reason: string }) => r.id === second && r.reason === 'benchmark logs did not match',
      ),
    );
    const again = await app.request('POST', `/v1/certifications/${second}/revoke`, {
      body: { reason: 'twice' },
      headers: reviewer,
    });
    assertProblem(again, 409);
  });

  it('request-changes → a new revision linked to the old one goes back to review; withdraw ends it', async () => {
    const { body } = await submit(example());
    const changes = await decide(body.id, { decision: 'request-changes', note: 'attach the soak log' });
    assert.equal(changes.body.status, 'changes-requested');
    const revision = await app.request('POST', `/v1/submissions/${body.id}/revisions`, {
      body: example(),
      headers: sophgo,
    });
    assert.equal(revision.status, 201, revision.text);
    const fresh = await app.get(`/v1/submissions/${revision.body.id}`, sophgo);
    assert.deepEqual([fresh.body.revision, fresh.body.previous, fresh.body.status], [2, body.id, 'in-review']);
    assert.equal((await app.get(`/v1/submissions/${body.id}`, sophgo)).body.next, revision.body.id);
    assertProblem(
      await app.request('POST', `/v1/submissions/${body.id}/revisions`, { body: example(), headers: sophgo }),
      409,
    );
    assertProblem(await app.request('POST', `/v1/submissions/${revision.body.id}/withdraw`, { headers: huawei }), 404);
    const withdrawn = await app.request('POST', `/v1/submissions/${revision.body.id}/withdraw`, { headers: sophgo });
    assert.equal(withdrawn.body.status, 'withdrawn');
    assertProblem(await decide(revision.body.id, { decision: 'approve' }), 409);
  });

  it('rejects a decision body with unknown fields or a bad decision, with pointers', async () => {
    const { body } = await submit(example());
    const res = await decide(body.id, { decision: 'maybe', colour: 'red' });
    assertProblem(res, 400);
    assert.deepEqual(res.body.errors.map((e: { pointer: string }) => e.pointer).sort(), ['/colour', '/decision']);
  });

  it('leaves nothing behind when a write fails in the middle of an approval', async () => {
    const { body } = await submit(example());
    const before = [count('certifications'), count('audit_log')];
    app.deps.db.exec(
      `CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log WHEN NEW.action = 'submission.approve' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
    );
    try {
      const res = await decide(body.id, { decision: 'approve' });
      assert.equal(res.status, 500);
      assert.doesNotMatch(res.text, /injected failure|SQLITE/);
    } finally {
      app.deps.db.exec('DROP TRIGGER fail_audit');
    }
    assert.deepEqual([count('certifications'), count('audit_log')], before);
    assert.equal((await app.get(`/v1/submissions/${body.id}`, reviewer)).body.status, 'in-review');
  });
});
