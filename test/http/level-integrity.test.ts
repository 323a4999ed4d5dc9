import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, beforeEach, afterEach, describe, it } from 'node:test';
import { keysFor } from '../helpers/keys.js';
import { assertProblem, assertSchema, startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Specification: the holes through which a hostile submitter could raise its level (issue 10 §2).
 * Each spec failed on main before issue 10 and passes after it.
 */

const example = () => JSON.parse(readFileSync(new URL('../fixtures/submission-example.json', import.meta.url), 'utf8'));
const REPORT = 'responses/validation-report.v1.schema.json';

let app: TestApp;
let keys: ReturnType<typeof keysFor>;
let reviewer: Record<string, string>;
let admin: Record<string, string>;
beforeEach(async () => {
  app = await startTestApp();
  keys = keysFor(app.deps);
  reviewer = keys.reviewer();
  admin = keys.admin();
});
afterEach(() => app.close());
after(() => undefined);

const validate = async (doc: unknown, headers: Record<string, string> = {}) => {
  const res = await app.request('POST', '/v1/validate', { body: doc, headers });
  assert.equal(res.status, 200, res.text);
  assertSchema(res.body, REPORT);
  return res.body;
};
const submitAndApprove = async (doc: unknown, vendor: string, decision: Record<string, unknown> = {}) => {
  const sub = await app.request('POST', '/v1/submissions', { body: doc, headers: keys.vendor(vendor) });
  assert.equal(sub.status, 201, sub.text);
  const res = await app.request('POST', `/v1/submissions/${sub.body.id}/decision`, {
    body: { decision: 'approve', ...decision },
    headers: reviewer,
  });
  return res;
};

describe('the release channel comes from the version string, whatever `channel` says', () => {
  for (const version of ['8.0.RC2', '7.0.0.alpha001', '1.0.0-beta2']) {
    it(`${version} declared "ga" is a pre-release: at most a preview of L3`, async () => {
      const doc = example();
      doc.deployment.stack[1] = { kind: 'compiler', name: 'tpu-mlir', version, channel: 'ga' };
      const body = await validate(doc, keys.vendor('sophgo'));
      assert.equal(body.level.achieved, 'L2');
      assert.equal(body.level.preview, true);
      const ga = body.level.checks.find((c: { id: string }) => c.id === 'l3.stack.ga');
      assert.match(ga.message, new RegExp(`tpu-mlir ${version.replace('.', '\\.')} is rc`));
    });
  }

  it('2.1.0.dev20240101 declared "ga" is a nightly build: not even a preview', async () => {
    const doc = example();
    doc.deployment.stack[1] = { kind: 'compiler', name: 'tpu-mlir', version: '2.1.0.dev20240101', channel: 'ga' };
    const body = await validate(doc, keys.vendor('sophgo'));
    assert.equal(body.level.achieved, 'L2');
    assert.equal(body.level.preview, false);
  });

  it('a declared channel can only make it stricter: 1.8 declared rc stays rc', async () => {
    const doc = example();
    doc.deployment.stack[1].channel = 'rc';
    assert.equal((await validate(doc, keys.vendor('sophgo'))).level.achieved, 'L2');
  });
});

describe('branch references are not pinned revisions', () => {
  for (const revision of ['refs/heads/main', 'origin/main', 'upstream/master', 'refs/remotes/origin/dev']) {
    it(`"${revision}" fails L0`, async () => {
      const doc = example();
      doc.deployment.model.revision = revision;
      const body = await validate(doc, keys.vendor('sophgo'));
      assert.equal(body.level.achieved, null);
      assert.deepEqual(
        body.level.nextLevel.missing.map((m: { id: string }) => m.id),
        ['l0.model.revision'],
      );
    });
  }

  it('relative references (HEAD~1, main@{1}) are not even v1 revisions: the document is invalid', async () => {
    for (const revision of ['HEAD~1', 'main@{1}']) {
      const doc = example();
      doc.deployment.model.revision = revision;
      const body = await validate(doc, keys.vendor('sophgo'));
      assert.equal(body.valid, false, revision);
    }
  });

  it('a tag (v1.0, refs/tags/v1.0) and a commit sha still pin', async () => {
    for (const revision of ['v1.0', 'refs/tags/v1.0', 'a5ba5501eb873d40d48bd0983bd2a8dd006bb838']) {
      const doc = example();
      doc.deployment.model.revision = revision;
      assert.equal((await validate(doc, keys.vendor('sophgo'))).level.achieved, 'L3', revision);
    }
  });
});

describe('placeholder versions are not versions (v1 keeps validating them, but they earn no level)', () => {
  for (const version of ['unknown', 'TBD', 'n-a']) {
    it(`stack version "${version}" fails the L0 stack check`, async () => {
      const doc = example();
      doc.deployment.stack[0].version = version;
      const body = await validate(doc, keys.vendor('sophgo'));
      assert.equal(body.valid, true);
      assert.equal(body.level.achieved, version === 'n-a' ? 'L3' : null);
    });
  }
});

describe('L4 reproduction is decided by organisation identity, never by typed names', () => {
  it('a re-run "by" the submitter under its Chinese name is not independent', async () => {
    const doc = example();
    doc.evidence.reproduction = { by: '算能科技', throughputDeltaPercent: 1, accuracyDeltaPoints: 0.1 };
    const body = await validate(doc, keys.vendor('sophgo'));
    const check = body.level.checks.find((c: { id: string }) => c.id === 'l4.reproduction');
    assert.equal(check.status, 'fail');
    assert.match(check.message, /re-run by sophgo, measured by sophgo/);
  });
});

describe('supersession stays within one organisation and one deployment key', () => {
  it("another organisation's newer, lower-level approval neither supersedes nor hides the first one's higher certification", async () => {
    const first = (await submitAndApprove(example(), 'sophgo')).body.certification;
    // Another organisation (here Huawei, as a third party) measures the same deployment of Sophgo's chip.
    const other = example();
    other.submitter.vendor = 'huawei';
    const second = await submitAndApprove(other, 'huawei', { level: 'L1' });
    assert.equal(second.status, 200, second.text);
    assert.equal((await app.get(`/v1/certifications/${first}`)).body.status, 'active');
    const compat = await app.get('/v1/compatibility?model=chatglm3-6b&chip=sophgo-bm1684x');
    assertSchema(compat.body, 'responses/compatibility.v1.schema.json');
    assert.equal(compat.body.best.id, first);
    assert.equal(compat.body.best.level, 'L3');
  });
});

describe('flags are recomputed for the level granted', () => {
  it('highAccuracy is not kept when the reviewer grants L1', async () => {
    const doc = example();
    doc.evidence.accuracy.benchmarks = [
      { name: 'ceval', score: 51.7, reference: 51.7 },
      { name: 'gsm8k', score: 72.3, reference: 72.3 },
    ];
    assert.equal((await validate(doc, keys.vendor('sophgo'))).level.highAccuracy, true);
    const res = await submitAndApprove(doc, 'sophgo', { level: 'L1' });
    const cert = (await app.get(`/v1/certifications/${res.body.certification}`)).body;
    assert.deepEqual([cert.level, cert.highAccuracy], ['L1', false]);
  });

  it('preview is not kept when the reviewer grants less than the level the evidence earned', async () => {
    const doc = example();
    doc.deployment.stack[1].channel = 'rc';
    const res = await submitAndApprove(doc, 'sophgo', { level: 'L1' });
    const cert = (await app.get(`/v1/certifications/${res.body.certification}`)).body;
    assert.deepEqual([cert.level, cert.preview], ['L1', false]);
  });
});

describe('the level, its flags and its checks come from one evaluation at approval time', () => {
  const makeDatacenter = async () => {
    const chip = JSON.parse(readFileSync(new URL('../../data/chips/sophgo-bm1684x.json', import.meta.url), 'utf8'));
    chip.deviceClass = 'datacenter';
    const put = await app.request('PUT', '/v1/chips/sophgo-bm1684x', { body: chip, headers: admin });
    assert.ok(put.status < 300, put.text);
  };

  it('a catalog edit between submission and approval lowers the level granted, and the reviewer sees why', async () => {
    const sub = await app.request('POST', '/v1/submissions', { body: example(), headers: keys.vendor('sophgo') });
    assert.equal(sub.body.level.achieved, 'L3');
    await makeDatacenter();
    const res = await app.request('POST', `/v1/submissions/${sub.body.id}/decision`, {
      body: { decision: 'approve' },
      headers: reviewer,
    });
    assert.equal(res.status, 200, res.text);
    assertSchema(res.body, 'submission-record.v1.schema.json');
    assert.deepEqual(
      [res.body.reevaluation.achievedAtSubmission, res.body.reevaluation.achievedAtApproval],
      ['L3', 'L2'],
    );
    assert.ok(
      res.body.reevaluation.changed.some(
        (c: { id: string; after: string }) => c.id === 'l3.performance.profile' && c.after === 'fail',
      ),
    );
    const cert = (await app.get(`/v1/certifications/${res.body.certification}`)).body;
    assert.equal(cert.level, 'L2');
    // The certificate's own checks support its level.
    const failing = cert.evidence.checks.filter(
      (c: { level: string; status: string }) =>
        ['L0', 'L1', 'L2'].includes(c.level) && c.status !== 'pass' && c.status !== 'not-applicable',
    );
    assert.deepEqual(failing, []);
  });

  it('granting the level earned at submission is refused with the difference', async () => {
    const sub = await app.request('POST', '/v1/submissions', { body: example(), headers: keys.vendor('sophgo') });
    await makeDatacenter();
    const res = await app.request('POST', `/v1/submissions/${sub.body.id}/decision`, {
      body: { decision: 'approve', level: 'L3' },
      headers: reviewer,
    });
    assertProblem(res, 422);
    assert.match(res.body.detail, /earned L3 when submitted and earns L2 now; l3\.performance\.profile pass → fail/);
  });
});
