import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { keysFor } from '../helpers/keys.js';
import { assertSchema, startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Specification: real published results, written as v2 documents without inventing anything
 * (test/fixtures/submissions-v2/README.md names each source), validate and earn exactly the level
 * their numbers support, naming what is missing.
 */

const REPORT = 'responses/validation-report.v1.schema.json';
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/submissions-v2/${name}`, import.meta.url), 'utf8'));
const STRESS = 'qwen1.5-7b-chat.atlas-800i-a2.mindie.evalscope.json';

let app: TestApp;
let labKey: Record<string, string>;
before(async () => {
  app = await startTestApp();
  labKey = keysFor(app.deps).vendor('wang-junjian');
});
after(() => app.close());

const validate = async (doc: unknown, headers: Record<string, string> = {}) => {
  const res = await app.request('POST', '/v1/validate', { body: doc, headers });
  assert.equal(res.status, 200, res.text);
  assertSchema(res.body, REPORT);
  return res.body;
};
type Check = { id: string; status: string; message: string; actual: unknown };
const checkOf = (body: { level: { checks: Check[] } }, id: string) => body.level.checks.find((c) => c.id === id)!;

describe('the evalscope stress test of Qwen1.5-7B-Chat on an Atlas 800I A2 under MindIE', () => {
  it('is a valid v2 document: 12 concurrency levels are 12 operating points, nothing invented', async () => {
    const doc = fixture(STRESS);
    assert.equal(doc.evidence.performance.points.length, 12);
    assert.equal(doc.deployment.model.revision, undefined, 'the post states no model revision');
    assert.equal(doc.deployment.stack[0].version, undefined, 'the post states no MindIE version');
    const body = await validate(doc, labKey);
    assert.equal(body.valid, true, JSON.stringify(body.errors));
  });

  it('earns no level, and names exactly what is missing for L0: the model revision and the MindIE version', async () => {
    const body = await validate(fixture(STRESS), labKey);
    assert.equal(body.level.achieved, null);
    assert.equal(body.level.nextLevel.level, 'L0');
    assert.deepEqual(
      body.level.nextLevel.missing.map((m: { id: string }) => m.id),
      ['l0.model.revision', 'l0.stack.versions'],
    );
    assert.equal(checkOf(body, 'l0.submitter.identity').status, 'pass');
    assert.equal(checkOf(body, 'l0.model.revision').status, 'not-measured');
    assert.match(checkOf(body, 'l0.stack.versions').message, /MindIE is not stated/);
  });

  it('never reads the non-streamed end-to-end latency as TTFT: TTFT and TPOT are not measured', async () => {
    const body = await validate(fixture(STRESS), labKey);
    for (const id of ['l3.performance.ttft', 'l3.performance.tpot']) {
      assert.equal(checkOf(body, id).status, 'not-measured', id);
      assert.equal(checkOf(body, id).actual, null);
    }
    assert.match(checkOf(body, 'l3.performance.ttft').message, /without streaming/);
  });

  it('judges the points that fit chat-server and names the judged point; no point meets the limits, so no headline', async () => {
    const doc = fixture(STRESS);
    const body = await validate(doc, labKey);
    const perf = body.level.performance;
    assert.deepEqual([perf.profile, perf.points, perf.candidates], ['chat-server', 12, 12]);
    // Every point fails the same limits (runs of 40–404 s, 1000 requests), so the fastest is judged.
    assert.equal(doc.evidence.performance.points[perf.judgedPoint].id, 'c720');
    assert.equal(perf.headline, null);
    assert.equal(checkOf(body, 'l3.performance.duration').status, 'fail');
    assert.equal(checkOf(body, 'l3.performance.duration').actual, 40.58);
    assert.equal(checkOf(body, 'l3.performance.queries').status, 'fail');
    assert.equal(checkOf(body, 'l3.performance.points').status, 'pass');
    // What was not measured at all is reported as such, never as a pass or a made-up zero.
    for (const id of ['l3.performance.runs', 'l3.performance.spread', 'l3.performance.noCache'])
      assert.equal(checkOf(body, id).status, 'not-measured', id);
  });
});

describe('POST /v1/validate is honest about the submitter', () => {
  it('without a key it says the identity could not be judged instead of claiming a key was used', async () => {
    const body = await validate(fixture(STRESS));
    const identity = checkOf(body, 'l0.submitter.identity');
    assert.equal(identity.status, 'not-measured');
    assert.match(identity.message, /not judged: no key was presented/);
    assert.deepEqual(
      body.level.unjudged.map((u: { id: string }) => u.id),
      ['l0.submitter.identity'],
    );
  });

  it('with a key it judges as that organisation: another organisation’s key fails the identity check', async () => {
    const body = await validate(fixture(STRESS), keysFor(app.deps).vendor('huawei'));
    const identity = checkOf(body, 'l0.submitter.identity');
    assert.equal(identity.status, 'fail');
    assert.match(identity.message, /the key belongs to huawei, the document names wang-junjian/);
    assert.equal(body.level.unjudged, undefined);
  });

  it('an unknown key is a 401, never silently ignored', async () => {
    const res = await app.request('POST', '/v1/validate', {
      body: fixture(STRESS),
      headers: { authorization: 'Bearer crk_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    });
    assert.equal(res.status, 401);
  });
});
