import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { keysFor } from '../helpers/keys.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const example = () => JSON.parse(readFileSync(new URL('../fixtures/submission-example.json', import.meta.url), 'utf8'));
let clock = new Date('2026-06-01T00:00:00Z');
let app: TestApp;
let keys: ReturnType<typeof keysFor>;

const issue = async () => {
  const doc = example();
  doc.deployment.devices = Math.floor(Math.random() * 1000) + 2;
  const sub = await app.request('POST', '/v1/submissions', { body: doc, headers: keys.vendor('sophgo') });
  const decided = await app.request('POST', `/v1/submissions/${sub.body.id}/decision`, {
    body: { decision: 'approve' },
    headers: keys.reviewer(),
  });
  return decided.body.certification as string;
};
const page = async (id: string) => (await app.get(`/certifications/${id}`)).text;
const green = /class="verified"/;
const countdown = /days left/;

before(async () => {
  app = await startTestApp({ now: () => clock });
  keys = keysFor(app.deps);
});
after(() => app.close());

describe('the certificate page never presents a dead certification as good', () => {
  it('an active certification shows its countdown and a green "verified"', async () => {
    const id = await issue();
    const text = await page(id);
    assert.match(text, countdown);
    assert.match(text, green);
    assert.match(text, new RegExp(`href="/v1/certifications/${id}/proof"`));
  });

  it('a revoked one shows neither, says it is no longer valid, and the verify button does not say "valid"', async () => {
    const id = await issue();
    await app.request('POST', `/v1/certifications/${id}/revoke`, {
      body: { reason: 'fraud' },
      headers: keys.reviewer(),
    });
    const text = await page(id);
    assert.doesNotMatch(text, countdown);
    assert.doesNotMatch(text, green);
    assert.match(text, /no longer valid/);
    assert.match(text, /data-label-not-current="Authentic signature, but not valid now"/);
  });

  it('an expired one shows neither and says when it expired', async () => {
    const id = await issue();
    clock = new Date('2028-01-01T00:00:00Z');
    try {
      const text = await page(id);
      assert.doesNotMatch(text, countdown);
      assert.doesNotMatch(text, green);
      assert.match(text, /expired on/);
    } finally {
      clock = new Date('2026-06-01T00:00:00Z');
    }
  });
});
