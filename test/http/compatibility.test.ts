import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addCertification } from '../helpers/builders.js';
import { assertProblem, assertSchema, startTestApp, type TestApp } from '../helpers/test-app.js';

const SCHEMA = 'responses/compatibility.v1.schema.json';
let app: TestApp;
let clock = new Date('2026-06-01T00:00:00Z');
before(async () => {
  app = await startTestApp({ now: () => clock });
});
after(() => app.close());

const check = async (query: string) => {
  const res = await app.get(`/v1/compatibility?${query}`);
  assert.equal(res.status, 200, res.text);
  assertSchema(res.body, SCHEMA);
  return res.body;
};

describe('GET /v1/compatibility', () => {
  it('answers a verdict for chatglm3-6b on a chip of every ecosystem', async () => {
    const chips = (await app.get('/v1/chips?limit=500')).body.items as Array<{ id: string; vendor: string }>;
    const vendors = [
      'huawei',
      'hygon',
      'cambricon',
      'moore-threads',
      'kunlunxin',
      'iluvatar-corex',
      'metax',
      'enflame',
      'sophgo',
      'lynxi',
      'hexaflake',
    ];
    for (const vendor of vendors) {
      const chip = chips.find((c) => c.vendor === vendor);
      assert.ok(chip, `no chip of ${vendor}`);
      const body = await check(`model=chatglm3-6b&chip=${chip.id}`);
      assert.ok(['certified', 'certified-provisional', 'related', 'not-certified'].includes(body.verdict));
      assert.equal(body.query.chip, chip.id);
    }
  });

  it('lists sourced declarations apart and never calls them certified', async () => {
    const body = await check('model=chatglm3-6b&chip=BM1684X');
    assert.equal(body.query.chip, 'sophgo-bm1684x');
    assert.equal(body.verdict, 'not-certified');
    assert.ok(body.declarations.length > 0);
    assert.ok(
      body.declarations.every(
        (d: { verified: boolean; level: string; source: unknown }) => !d.verified && d.level === 'L0' && d.source,
      ),
    );
  });

  it('answers certified for a verified match, resolving aliases to canonical ids', async () => {
    const id = addCertification(app.deps, { model: 'glm-4-9b-chat', level: 2, precision: 'fp16' });
    const body = await check('model=GLM-4-9B-Chat&chip=Ascend910B&precision=fp16');
    assert.equal(body.verdict, 'certified');
    assert.equal(body.best.id, id);
    assert.deepEqual([body.query.model, body.query.chip], ['glm-4-9b-chat', 'huawei-ascend-910b']);
  });

  it('answers related, naming the difference, when only another precision is certified', async () => {
    const body = await check('model=glm-4-9b-chat&chip=huawei-ascend-910b&precision=int4');
    assert.equal(body.verdict, 'related');
    assert.ok(body.related[0].differences.some((d: { field: string }) => d.field === 'precision'));
  });

  it('lists at most 20 related certifications, closest first, and counts them all', async () => {
    for (let i = 0; i < 25; i++)
      addCertification(app.deps, {
        model: 'glm-4-9b-chat',
        chip: 'metax-c500',
        vendor: 'metax',
        devices: i + 1,
        level: 1 + (i % 3),
      });
    const body = await check('model=glm-4-9b-chat&chip=metax-c500&precision=int8');
    assert.equal(body.verdict, 'related');
    assert.equal(body.related.length, 20);
    assert.equal(body.relatedTotal, 25);
    const levels = body.related.map((r: { certification: { level: string } }) => r.certification.level);
    assert.deepEqual(levels, [...levels].sort().reverse());
  });

  it('answers related when the level is below minLevel', async () => {
    const body = await check('model=glm-4-9b-chat&chip=huawei-ascend-910b&minLevel=L3');
    assert.equal(body.verdict, 'related');
    assert.ok(body.related[0].differences.some((d: { field: string }) => d.field === 'level'));
  });

  it('matches stack version ranges and patch-level upgrades provisionally', async () => {
    addCertification(app.deps, {
      model: 'chatglm3-6b',
      precision: 'bf16',
      stack: [
        { kind: 'sdk', name: 'CANN', version: '8.0.RC2', channel: 'ga' },
        { kind: 'plugin', name: 'torch_npu', version: '2.1.0', channel: 'ga' },
      ],
    });
    const inRange = await check(
      `model=chatglm3-6b&chip=910B&stack=${encodeURIComponent('CANN@>=8.0.RC1 <8.2,torch_npu@2.1.0')}`,
    );
    assert.equal(inRange.verdict, 'certified');
    const patch = await check(`model=chatglm3-6b&chip=910B&stack=${encodeURIComponent('CANN@8.0.3')}`);
    assert.equal(patch.verdict, 'certified-provisional');
    const minor = await check(`model=chatglm3-6b&chip=910B&stack=${encodeURIComponent('cann@8.1.0')}`);
    assert.equal(minor.verdict, 'related');
  });

  it('never matches a stack query exactly against a certification with no recorded stack', async () => {
    addCertification(app.deps, { model: 'chatglm3-6b', chip: 'metax-c500', vendor: 'metax', stack: [] });
    const body = await check(`model=chatglm3-6b&chip=metax-c500&stack=${encodeURIComponent('MACA@2.0')}`);
    assert.equal(body.verdict, 'related');
  });

  it('stops counting a certification once it expires', async () => {
    addCertification(app.deps, {
      model: 'chatglm3-6b',
      chip: 'enflame-s60',
      vendor: 'enflame',
      validUntil: '2026-07-01T00:00:00.000Z',
    });
    assert.equal((await check('model=chatglm3-6b&chip=enflame-s60')).verdict, 'certified');
    clock = new Date('2026-08-01T00:00:00Z');
    try {
      const body = await check('model=chatglm3-6b&chip=enflame-s60');
      assert.equal(body.verdict, 'related');
      assert.equal(body.related[0].certification.status, 'expired');
    } finally {
      clock = new Date('2026-06-01T00:00:00Z');
    }
  });

  it('answers 404 with suggestions for an unknown chip', async () => {
    const res = await app.get('/v1/compatibility?model=chatglm3-6b&chip=Ascend-911B');
    assertProblem(res, 404);
    assert.ok(res.body.suggestions.length > 0);
  });

  it('answers 404 with suggestions for an unknown model', async () => {
    const res = await app.get('/v1/compatibility?model=chatglm3-7b&chip=910B');
    assertProblem(res, 404);
    assert.ok(res.body.suggestions.some((s: { id: string }) => s.id === 'chatglm3-6b'));
  });

  it('answers 400 for malformed parameters', async () => {
    assertProblem(await app.get('/v1/compatibility?chip=910B'), 400);
    assertProblem(await app.get('/v1/compatibility?model=x&chip=y&precision=fp12'), 400);
    assertProblem(await app.get('/v1/compatibility?model=x&chip=y&minLevel=L9'), 400);
    const stack = await app.get(
      `/v1/compatibility?model=chatglm3-6b&chip=910B&stack=${encodeURIComponent('CANN,torch@>=')}`,
    );
    assertProblem(stack, 400);
    assert.equal(stack.body.errors.length, 2);
  });
});
