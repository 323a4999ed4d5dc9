import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createSigningKeyFile } from '../../src/signing/signing-key-file.js';
import { keysFor } from '../helpers/keys.js';
import { assertProblem, assertSchema, startTestApp, type TestApp } from '../helpers/test-app.js';

const example = () => JSON.parse(readFileSync(new URL('../fixtures/submission-example.json', import.meta.url), 'utf8'));
let app: TestApp;
let certId: string;
let keys: ReturnType<typeof keysFor>;

before(async () => {
  const keyFile = join(mkdtempSync(join(tmpdir(), 'chipreg-sign-')), 'signing.key');
  app = await startTestApp({ signingKey: createSigningKeyFile(keyFile) });
  keys = keysFor(app.deps);
  const sub = await app.request('POST', '/v1/submissions', { body: example(), headers: keys.vendor('sophgo') });
  const decision = await app.request('POST', `/v1/submissions/${sub.body.id}/decision`, {
    body: { decision: 'approve' },
    headers: keys.reviewer(),
  });
  certId = decision.body.certification;
});
after(() => app.close());

describe('signed certificates', () => {
  it('GET /v1/keys publishes the signing public key', async () => {
    const res = await app.get('/v1/keys');
    assertSchema(res.body, 'responses/public-keys.v1.schema.json');
    assert.equal(res.body.items.length, 1);
    assert.match(res.body.items[0].publicKey, /BEGIN PUBLIC KEY/);
    assert.doesNotMatch(res.text, /PRIVATE/);
  });

  it('a certificate verifies; any changed byte makes it invalid with a reason', async () => {
    const signed = (await app.get(`/v1/certifications/${certId}/certificate`)).body;
    assertSchema(signed, 'responses/signed-certificate.v1.schema.json');
    const ok = await app.request('POST', '/v1/verify', { body: signed });
    assertSchema(ok.body, 'responses/verification.v1.schema.json');
    assert.deepEqual([ok.body.valid, ok.body.status], [true, 'active']);

    const tampered = structuredClone(signed);
    tampered.certificate.level = 'L4';
    const bad = await app.request('POST', '/v1/verify', { body: tampered });
    assertSchema(bad.body, 'responses/verification.v1.schema.json');
    assert.equal(bad.body.valid, false);
    assert.match(bad.body.reason, /does not match/);

    const badSig = structuredClone(signed);
    badSig.signature.value = badSig.signature.value.replace(/^./, (c: string) => (c === 'A' ? 'B' : 'A'));
    assert.equal((await app.request('POST', '/v1/verify', { body: badSig })).body.valid, false);
    const unknownKey = structuredClone(signed);
    unknownKey.signature.keyId = 'ffffffffffffffff';
    assert.match((await app.request('POST', '/v1/verify', { body: unknownKey })).body.reason, /unknown signing key/);
    assert.equal((await app.request('POST', '/v1/verify', { body: { hello: 'world' } })).body.valid, false);
  });

  it('a revoked certificate verifies as authentic but reports revoked', async () => {
    const signed = (await app.get(`/v1/certifications/${certId}/certificate`)).body;
    await app.request('POST', `/v1/certifications/${certId}/revoke`, {
      body: { reason: 'withdrawn by the vendor' },
      headers: keys.reviewer(),
    });
    const res = await app.request('POST', '/v1/verify', { body: signed });
    assert.deepEqual([res.body.valid, res.body.status], [true, 'revoked']);
    assert.match(res.body.reason, /revoked/);
  });

  it('declarations have no certificate', async () => {
    const declaration = (await app.get('/v1/certifications?minLevel=L0&limit=1')).body.items[0];
    assertProblem(await app.get(`/v1/certifications/${declaration.id}/certificate`), 404);
  });
});

describe('keys and roles', () => {
  it('an admin creates, lists and revokes keys; a revoked key gets 401', async () => {
    const admin = keys.admin();
    const created = await app.request('POST', '/v1/admin/keys', {
      body: { role: 'vendor', vendor: 'metax' },
      headers: admin,
    });
    assert.equal(created.status, 201);
    assert.match(created.body.key, /^crk_/);
    const list = await app.get('/v1/admin/keys', admin);
    assert.ok(list.body.items.some((k: { id: string }) => k.id === created.body.id));
    assert.doesNotMatch(list.text, /crk_/);
    const bearer = { authorization: `Bearer ${created.body.key}` };
    assert.equal((await app.get('/v1/submissions', bearer)).status, 200);
    assert.equal(
      (await app.request('POST', `/v1/admin/keys/${created.body.id}/revoke`, { headers: admin })).status,
      204,
    );
    assertProblem(await app.get('/v1/submissions', bearer), 401);
    assertProblem(await app.get('/v1/admin/keys', keys.reviewer()), 403);
  });

  it('rate-limits failed authentication with 429 while valid keys keep working', async () => {
    const limited = await startTestApp({ app: { authFailuresPerWindow: 3 } });
    try {
      const good = keysFor(limited.deps).reviewer();
      for (let i = 0; i < 3; i++)
        assertProblem(await limited.get('/v1/submissions', { authorization: 'Bearer nope' }), 401);
      assertProblem(await limited.get('/v1/submissions', { authorization: 'Bearer nope' }), 429);
      assertProblem(await limited.get('/v1/submissions'), 429);
      assert.equal((await limited.get('/v1/submissions', good)).status, 200);
      assert.equal((await limited.get('/v1/meta')).status, 200);
    } finally {
      await limited.close();
    }
  });

  it('stores keys only as hashes', () => {
    const rows = app.deps.db.prepare('SELECT * FROM api_keys').all() as Array<Record<string, unknown>>;
    assert.ok(rows.length > 0);
    assert.ok(rows.every((r) => !Object.values(r).some((v) => typeof v === 'string' && v.startsWith('crk_'))));
  });

  it('an admin PUT edits a chip under the data schema, with 422 for a bad one', async () => {
    const admin = keys.admin();
    const chip = (await app.get('/v1/chips/huawei-ascend-910b')).body;
    chip.aliases = [...chip.aliases, 'Ascend-910B-Test'];
    const put = await app.request('PUT', '/v1/chips/huawei-ascend-910b', { body: chip, headers: admin });
    assert.equal(put.status, 200, put.text);
    assert.equal((await app.get('/v1/chips/Ascend-910B-Test')).body.id, 'huawei-ascend-910b');
    const bad = await app.request('PUT', '/v1/chips/huawei-ascend-910b', {
      body: { ...chip, vendor: 'nobody', id: 'other' },
      headers: admin,
    });
    assertProblem(bad, 422);
    // The path names 910B, the body another id, an unknown vendor, and names that belong to 910B: all reported.
    assert.deepEqual([...new Set(bad.body.errors.map((e: { pointer: string }) => e.pointer))].sort(), [
      '/aliases',
      '/id',
      '/vendor',
    ]);
  });
});

describe('audit log', () => {
  it('records every write and verifies; an edited row breaks the chain', async () => {
    const reviewer = keys.reviewer();
    const list = await app.get('/v1/audit?limit=500', reviewer);
    const actions = new Set(list.body.items.map((e: { action: string }) => e.action));
    for (const action of [
      'catalog.import',
      'key.create',
      'submission.create',
      'submission.approve',
      'certification.issue',
      'certification.revoke',
    ]) {
      assert.ok(actions.has(action), `no ${action} event`);
    }
    const ok = await app.get('/v1/audit/verify', reviewer);
    assertSchema(ok.body, 'responses/audit-verification.v1.schema.json');
    assert.equal(ok.body.valid, true);
    assertProblem(await app.get('/v1/audit', keys.vendor('sophgo')), 403);
  });
});
