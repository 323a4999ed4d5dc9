import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MatrixQuery } from '../../src/services/matrix-service.js';
import { addCertification } from '../helpers/builders.js';
import { assertProblem, assertSchema, startTestApp, type TestApp } from '../helpers/test-app.js';

const LIST = 'responses/certification-list.v1.schema.json';
let app: TestApp;
before(async () => {
  app = await startTestApp({ now: () => new Date('2026-06-01T00:00:00Z') });
  for (let i = 0; i < 7; i++) addCertification(app.deps, { level: 1 + (i % 4), devices: i + 1 });
});
after(() => app.close());

async function collect(path: string): Promise<string[]> {
  const ids: string[] = [];
  let next: string | null = path;
  while (next) {
    const res = await app.get(next);
    assert.equal(res.status, 200, res.text);
    assertSchema(res.body, LIST);
    ids.push(...res.body.items.map((c: { id: string }) => c.id));
    next = res.headers.get('link')?.match(/^<([^>]+)>/)?.[1] ?? null;
  }
  return ids;
}

describe('GET /v1/certifications', () => {
  it('lists declarations as unverified L0 records with their source', async () => {
    const res = await app.get('/v1/certifications?status=active&limit=500');
    assertSchema(res.body, LIST);
    const declarations = res.body.items.filter((c: { level: string }) => c.level === 'L0');
    assert.ok(declarations.length > 0);
    assert.ok(
      declarations.every(
        (d: { verified: boolean; source: { url: string } }) => !d.verified && d.source.url.startsWith('http'),
      ),
    );
  });

  it('returns every row exactly once across pages, in the same order as one big page', async () => {
    const paged = await collect('/v1/certifications?limit=4');
    const whole = (await app.get('/v1/certifications?limit=500')).body.items.map((c: { id: string }) => c.id);
    assert.deepEqual(paged, whole);
    assert.equal(new Set(paged).size, paged.length);
  });

  it('filters by minLevel, model alias, chip alias and precision', async () => {
    const res = await app.get('/v1/certifications?minLevel=L3&model=THUDM/chatglm3-6b&chip=910B&precision=bf16');
    assertSchema(res.body, LIST);
    assert.ok(res.body.items.length > 0);
    for (const c of res.body.items) {
      assert.ok(['L3', 'L4'].includes(c.level));
      assert.equal(c.model, 'chatglm3-6b');
      assert.equal(c.chip, 'huawei-ascend-910b');
      assert.equal(c.precision, 'bf16');
    }
  });

  it('computes superseded for older certifications of the same deployment', async () => {
    const first = addCertification(app.deps, { model: 'glm-4-9b-chat', devices: 8 });
    const second = addCertification(app.deps, { model: 'glm-4-9b-chat', devices: 8 });
    const old = await app.get(`/v1/certifications/${first}`);
    assertSchema(old.body, 'certification.v1.schema.json');
    assert.equal(old.body.status, 'superseded');
    assert.equal(old.body.supersededBy, second);
    const superseded = await collect('/v1/certifications?status=superseded');
    assert.ok(superseded.includes(first) && !superseded.includes(second));
  });

  it('counts facets under the same filters, most frequent first', async () => {
    const res = await app.get('/v1/certifications?facets=level,status,chip&limit=1');
    assertSchema(res.body, LIST);
    const levels = res.body.facets.level.values as Array<{ value: string; count: number }>;
    const total = (await collect('/v1/certifications?limit=500')).length;
    assert.equal(
      levels.reduce((n, v) => n + v.count, 0),
      total,
    );
    assert.ok(levels.every((v, i) => i === 0 || levels[i - 1]!.count >= v.count));
    assert.ok(res.body.facets.chip.values.some((v: { value: string }) => v.value === 'huawei-ascend-910b'));
    const filtered = await app.get('/v1/certifications?minLevel=L1&facets=level');
    assert.ok(filtered.body.facets.level.values.every((v: { value: string }) => v.value !== 'L0'));
    assertProblem(await app.get('/v1/certifications?facets=level,colour'), 400);
  });

  it('has a CSV twin with the deployment fields flattened', async () => {
    const res = await app.get('/v1/certifications?format=csv&minLevel=L1');
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    const [header, row] = res.text.split('\r\n');
    assert.equal(
      header,
      'id,level,verified,status,model,chip,vendor,system,devices,precisions,form,stack,requirementSet,issuedAt,validUntil,source,' +
        'headlineOutputTokensPerSecond,headlineOutputTokensPerSecondPerDevice,headlineTtftP99Ms,headlineTpotP99Ms,headlineDevices,headlineConcurrency',
    );
    assert.match(row!, /^CERT-2026-\d{6},L\d,true,/);
  });

  it('answers 404 for an unknown certification and 400 for bad filters', async () => {
    assertProblem(await app.get('/v1/certifications/CERT-2026-999999'), 404);
    assertProblem(await app.get('/v1/certifications?minLevel=L7&status=fine'), 400);
    assertProblem(await app.get('/v1/certifications?model=no-such-model-anywhere'), 404);
  });
});

describe('GET /v1/matrix', () => {
  it('shows the best active level per model × chip, and L0 unverified cells for declarations', async () => {
    const res = await app.get('/v1/matrix');
    assert.equal(res.status, 200);
    assertSchema(res.body, 'responses/matrix.v1.schema.json');
    const cell = res.body.cells.find(
      (c: { model: string; chip: string }) => c.model === 'chatglm3-6b' && c.chip === 'huawei-ascend-910b',
    );
    assert.equal(cell.level, 'L4');
    assert.equal(cell.verified, true);
    const declared = res.body.cells.find(
      (c: { chip: string; model: string }) => c.chip === 'sophgo-bm1684x' && c.model === 'chatglm3-6b',
    );
    assert.deepEqual([declared.level, declared.verified], ['L0', false]);
    const models = new Set(res.body.models.map((m: { id: string }) => m.id));
    const chips = new Set(res.body.chips.map((c: { id: string }) => c.id));
    assert.ok(res.body.cells.every((c: { model: string; chip: string }) => models.has(c.model) && chips.has(c.chip)));
  });

  it('filters by device class, family and minimum level', async () => {
    const res = await app.get('/v1/matrix?deviceClass=edge&family=chatglm3&minLevel=L0');
    assertSchema(res.body, 'responses/matrix.v1.schema.json');
    assert.ok(res.body.chips.every((c: { deviceClass: string }) => c.deviceClass === 'edge'));
    assert.ok(res.body.models.every((m: { family: string }) => m.family === 'chatglm3'));
    const verifiedOnly = await app.get('/v1/matrix?minLevel=L1');
    assert.ok(verifiedOnly.body.cells.every((c: { verified: boolean }) => c.verified));
    assertProblem(await app.get('/v1/matrix?deviceClass=moon'), 400);
  });

  it('answers with exactly the bytes of the view the pages use, serialised (the API writes cells as text)', async () => {
    const queries: Array<Record<string, string>> = [
      {},
      { minLevel: 'L1' },
      { deviceClass: 'datacenter' },
      { family: 'chatglm3' },
      { precision: 'int8' },
    ];
    for (const query of queries) {
      const res = await app.get(`/v1/matrix?${new URLSearchParams(query)}`);
      assert.equal(res.status, 200);
      assertSchema(res.body, 'responses/matrix.v1.schema.json');
      assert.equal(res.text, JSON.stringify(app.deps.matrix.build(query as MatrixQuery)), JSON.stringify(query));
    }
  });
});
