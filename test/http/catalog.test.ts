import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '../../src/package-root.js';
import { assertProblem, assertSchema, startTestApp, type TestApp } from '../helpers/test-app.js';

let app: TestApp;
before(async () => {
  app = await startTestApp();
});
after(() => app.close());

describe('GET /v1/chips', () => {
  it('finds the Ascend 910B by its Chinese name 昇腾', async () => {
    const res = await app.get(`/v1/chips?q=${encodeURIComponent('昇腾')}`);
    assert.equal(res.status, 200);
    assertSchema(res.body, 'responses/chip-list.v1.schema.json');
    assert.ok(res.body.items.some((c: { id: string }) => c.id === 'huawei-ascend-910b'));
  });

  it('finds the Ascend 910B by a lowercase part of its SKU, 910b', async () => {
    const res = await app.get('/v1/chips?q=910b');
    assertSchema(res.body, 'responses/chip-list.v1.schema.json');
    assert.ok(res.body.items.some((c: { id: string }) => c.id === 'huawei-ascend-910b'));
  });

  it('filters by device class and vendor alias', async () => {
    const res = await app.get('/v1/chips?deviceClass=edge&limit=500');
    assertSchema(res.body, 'responses/chip-list.v1.schema.json');
    assert.ok(res.body.items.length > 0);
    assert.ok(res.body.items.every((c: { deviceClass: string }) => c.deviceClass === 'edge'));
    assert.ok(res.body.items.some((c: { id: string }) => c.id === 'sophgo-bm1684x'));
    const byVendor = await app.get('/v1/chips?vendor=Huawei&limit=500');
    assertSchema(byVendor.body, 'responses/chip-list.v1.schema.json');
    assert.ok(
      byVendor.body.items.length > 0 && byVendor.body.items.every((c: { vendor: string }) => c.vendor === 'huawei'),
    );
  });

  it('answers 400 with a pointer per bad parameter, unknown ones included', async () => {
    const res = await app.get('/v1/chips?deviceClass=quantum&limit=0&colour=red');
    assertProblem(res, 400);
    const pointers = res.body.errors.map((e: { pointer: string }) => e.pointer).sort();
    assert.deepEqual(pointers, ['/query/colour', '/query/deviceClass', '/query/limit']);
  });

  it('answers 400 for a repeated parameter', async () => {
    assertProblem(await app.get('/v1/chips?q=a&q=b'), 400);
  });

  it('pages through every chip exactly once with cursors and Link headers', async () => {
    const all = await app.get('/v1/chips?limit=500');
    const seen: string[] = [];
    let path: string | null = '/v1/chips?limit=3';
    while (path) {
      const res = await app.get(path);
      assertSchema(res.body, 'responses/chip-list.v1.schema.json');
      seen.push(...res.body.items.map((c: { id: string }) => c.id));
      const link = res.headers.get('link');
      assert.equal(Boolean(link), res.body.nextCursor !== null);
      path = link ? link.match(/^<([^>]+)>; rel="next"$/)![1]! : null;
    }
    assert.deepEqual(
      seen,
      all.body.items.map((c: { id: string }) => c.id),
    );
    assert.equal(new Set(seen).size, seen.length);
  });

  it('rejects a tampered cursor with 400', async () => {
    assertProblem(await app.get('/v1/chips?cursor=not-a-cursor!'), 400);
    assertProblem(await app.get(`/v1/chips?cursor=${Buffer.from('{"k":5}').toString('base64url')}`), 400);
  });

  it('has a CSV twin', async () => {
    const res = await app.get('/v1/chips?format=csv&deviceClass=datacenter');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(res.text.split('\r\n')[0]!, /^id,vendor,nameEn/);
    assert.match(res.text, /huawei-ascend-910b/);
    const byAccept = await app.get('/v1/chips', { accept: 'text/csv' });
    assert.match(byAccept.headers.get('content-type') ?? '', /^text\/csv/);
  });
});

describe('GET /v1/chips/{idOrAlias}', () => {
  for (const alias of ['Ascend910B', 'huawei-ascend-910b', '910b', '昇腾910B', 'ascend 910B']) {
    it(`answers the canonical Ascend 910B for "${alias}"`, async () => {
      const res = await app.get(`/v1/chips/${encodeURIComponent(alias)}`);
      assert.equal(res.status, 200, res.text);
      assertSchema(res.body, 'chip.v1.schema.json');
      assert.equal(res.body.id, 'huawei-ascend-910b');
      assert.ok(
        res.body.pciIds.some((p: { vendor: string; device: string }) => p.vendor === '19e5' && p.device === 'd802'),
      );
    });
  }

  it('answers 404 with suggestions for a misspelt chip', async () => {
    const res = await app.get('/v1/chips/Ascend910X');
    assertProblem(res, 404);
    assert.ok(res.body.suggestions.some((s: { id: string }) => s.id.startsWith('huawei-ascend-')));
  });
});

describe('vendors, models, systems, levels', () => {
  it('GET /v1/vendors lists every ecosystem with sources', async () => {
    const res = await app.get('/v1/vendors?limit=500');
    assertSchema(res.body, 'responses/vendor-list.v1.schema.json');
    const ids = res.body.items.map((v: { id: string }) => v.id);
    for (const id of [
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
    ]) {
      assert.ok(ids.includes(id), `missing vendor ${id}`);
    }
  });

  it('GET /v1/vendors/{id} accepts the Chinese name of every vendor that has one, and answers that vendor', async () => {
    const list = await app.get('/v1/vendors?limit=500');
    const withChinese = list.body.items.filter((v: { nameZh?: string | null }) => v.nameZh);
    assert.ok(withChinese.length >= 5, `${withChinese.length} vendors have a Chinese name`);
    for (const vendor of withChinese as Array<{ id: string; nameZh: string }>) {
      const res = await app.get(`/v1/vendors/${encodeURIComponent(vendor.nameZh)}`);
      assert.equal(res.status, 200, `${vendor.nameZh}: ${res.text}`);
      assertSchema(res.body, 'vendor.v1.schema.json');
      assert.equal(res.body.id, vendor.id);
    }
  });

  it('GET /v1/models/{alias} resolves a repository id to the canonical model', async () => {
    const res = await app.get(`/v1/models/${encodeURIComponent('THUDM/chatglm3-6b')}`);
    assert.equal(res.status, 200, res.text);
    assertSchema(res.body, 'model.v1.schema.json');
    assert.equal(res.body.id, 'chatglm3-6b');
  });

  it('GET /v1/models filters by family', async () => {
    const res = await app.get('/v1/models?family=chatglm3');
    assertSchema(res.body, 'responses/model-list.v1.schema.json');
    assert.ok(res.body.items.length > 0 && res.body.items.every((m: { family: string }) => m.family === 'chatglm3'));
  });

  it('GET /v1/systems lists every system of data/ with its chip', async () => {
    const res = await app.get('/v1/systems?limit=500');
    assert.equal(res.status, 200);
    assertSchema(res.body, 'responses/system-list.v1.schema.json');
    const files = readdirSync(join(dataDir(), 'systems')).filter((f) => f.endsWith('.json'));
    assert.equal(res.body.items.length, files.length);
    const atlas = res.body.items.find((s: { id: string }) => s.id === 'huawei-atlas-800i-a2');
    assert.equal(atlas?.chip, 'huawei-ascend-910b');
  });

  it('GET /v1/levels answers the active requirement set', async () => {
    const res = await app.get('/v1/levels');
    assert.equal(res.status, 200);
    assertSchema(res.body, 'requirement-set.v1.schema.json');
    assert.equal(res.body.id, '2026.1');
  });

  it('GET /v1/search finds chips, vendors and models in English, Chinese and partial words', async () => {
    for (const text of ['昇腾', 'ascend', 'chatglm', 'bm1684']) {
      const res = await app.get(`/v1/search?q=${encodeURIComponent(text)}`);
      assert.equal(res.status, 200);
      assertSchema(res.body, 'responses/search.v1.schema.json');
      assert.ok(res.body.items.length > 0, `nothing found for ${text}`);
    }
    assertProblem(await app.get('/v1/search'), 400);
  });

  it('GET /v1/meta reports counts, revision and requirement set', async () => {
    const res = await app.get('/v1/meta');
    assertSchema(res.body, 'responses/meta.v1.schema.json');
    assert.ok(res.body.counts.chips > 0 && res.body.dataRevision > 0);
  });
});

describe('conditional requests', () => {
  it('sends a strong ETag and answers If-None-Match with 304', async () => {
    const first = await app.get('/v1/chips?deviceClass=edge');
    const tag = first.headers.get('etag');
    assert.match(tag ?? '', /^"[^"]+"$/);
    const second = await app.get('/v1/chips?deviceClass=edge', { 'if-none-match': tag! });
    assert.equal(second.status, 304);
    const other = await app.get('/v1/chips?deviceClass=datacenter', { 'if-none-match': tag! });
    assert.equal(other.status, 200);
  });

  it('gives JSON and CSV of the same URL different ETags', async () => {
    const json = await app.get('/v1/chips');
    const csv = await app.get('/v1/chips', { accept: 'text/csv' });
    assert.notEqual(json.headers.get('etag'), csv.headers.get('etag'));
  });
});

describe('errors', () => {
  it('answers an unknown path with 404 problem+json', async () => {
    assertProblem(await app.get('/v1/nothing-here'), 404);
  });

  it('serves every public schema at /schemas/{file}', async () => {
    const res = await app.get('/schemas/chip.v1.schema.json');
    assert.equal(res.status, 200);
    assert.equal(JSON.parse(res.text).$id, 'https://chipreg.dev/schemas/chip.v1.schema.json');
    assertProblem(await app.get('/schemas/nope.json'), 404);
  });

  it('answers /healthz and /readyz', async () => {
    assert.equal((await app.get('/healthz')).status, 200);
    assert.equal((await app.get('/readyz')).status, 200);
  });
});
