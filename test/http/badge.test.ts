import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addCertification } from '../helpers/builders.js';
import { keysFor } from '../helpers/keys.js';
import { assertProblem, startTestApp, type TestApp } from '../helpers/test-app.js';

let app: TestApp;
let clock = new Date('2026-06-01T00:00:00Z');
before(async () => {
  app = await startTestApp({ now: () => clock });
});
after(() => app.close());

/** The badge's coloured half: the `<rect>` that starts after the label. */
const messageColour = (svg: string) => /<rect x="\d+" [^>]*fill="(#[0-9a-f]{6})"/.exec(svg)?.[1];
const texts = (svg: string) => [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

/** Balanced tags, one root, only SVG elements: enough to know a browser or README renderer will draw it. */
function assertWellFormedSvg(svg: string): void {
  assert.match(
    svg,
    /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="20" role="img" aria-label="[^"<>]+">/,
  );
  const stack: string[] = [];
  for (const [tag, close, name, selfClosing] of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (close) assert.equal(stack.pop(), name, `unbalanced ${tag}`);
    else stack.push(name!);
  }
  assert.deepEqual(stack, []);
  assert.doesNotMatch(svg, /<script|on\w+=|href=/i);
}

describe('GET /v1/certifications/{id}/badge.svg', () => {
  it('draws an active L3 certification as "chipreg | L3 active" in green, cacheable for five minutes', async () => {
    const id = addCertification(app.deps, { level: 3 });
    const res = await app.get(`/v1/certifications/${id}/badge.svg`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^image\/svg\+xml/);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=300');
    assert.ok(res.headers.get('etag'));
    assertWellFormedSvg(res.text);
    assert.deepEqual([...new Set(texts(res.text))], ['chipreg', 'L3 active']);
    assert.equal(messageColour(res.text), '#2f7d32');
    const again = await app.get(`/v1/certifications/${id}/badge.svg`, { 'if-none-match': res.headers.get('etag')! });
    assert.equal(again.status, 304);
  });

  it('deepens the green with the level', async () => {
    const colours = [];
    for (const level of [1, 2, 3, 4]) {
      const id = addCertification(app.deps, {
        level,
        model: 'glm-4-9b-chat',
        precision: (['fp16', 'bf16', 'int8', 'w8a8'] as const)[level - 1],
      });
      colours.push(messageColour((await app.get(`/v1/certifications/${id}/badge.svg`)).text));
    }
    assert.equal(new Set(colours).size, 4);
    const luminance = (hex: string) => [1, 3, 5].reduce((sum, i) => sum + parseInt(hex.slice(i, i + 2), 16), 0);
    assert.deepEqual(
      [...colours].sort((a, b) => luminance(b!) - luminance(a!)),
      colours,
      'darker for higher levels',
    );
  });

  it('shows a revoked certification in red', async () => {
    const id = addCertification(app.deps, { level: 2, model: 'chatglm3-6b-32k' });
    const revoke = await app.request('POST', `/v1/certifications/${id}/revoke`, {
      body: { reason: 'evidence was fabricated' },
      headers: keysFor(app.deps).reviewer(),
    });
    assert.ok(revoke.status < 300, revoke.text);
    const svg = (await app.get(`/v1/certifications/${id}/badge.svg`)).text;
    assertWellFormedSvg(svg);
    assert.ok(texts(svg).includes('L2 revoked'));
    assert.equal(messageColour(svg), '#c0392b');
  });

  it('shows an L0 declaration grey and "declared", an expired certification amber', async () => {
    const declaration = 'huawei-ascend-910b.chatglm3-6b.mindie-llm';
    const l0 = (await app.get(`/v1/certifications/${declaration}/badge.svg`)).text;
    assert.ok(texts(l0).includes('L0 declared'));
    assert.equal(messageColour(l0), '#8c8c8c');
    const id = addCertification(app.deps, {
      level: 1,
      model: 'glm-4-9b',
      validUntil: new Date(clock.getTime() + 86400_000).toISOString(),
    });
    clock = new Date(clock.getTime() + 2 * 86400_000);
    const expired = (await app.get(`/v1/certifications/${id}/badge.svg`)).text;
    assert.ok(texts(expired).includes('L1 expired'));
    assert.equal(messageColour(expired), '#b7791f');
  });

  it('answers an unknown id with a 404 problem, and an unknown parameter with a 400', async () => {
    assertProblem(await app.get('/v1/certifications/CERT-2099-999999/badge.svg'), 404);
    const id = addCertification(app.deps, { level: 3, model: 'qwen2.5' });
    assertProblem(await app.get(`/v1/certifications/${id}/badge.svg?style=flat`), 400);
  });
});
