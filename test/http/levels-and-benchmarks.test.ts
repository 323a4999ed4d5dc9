import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { assertProblem, assertSchema, startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Specification: every requirement set can be read, not only the active one, and the benchmark
 * registry the level engine judges accuracy by is public, with the same name resolution.
 */

const SET = 'requirement-set.v1.schema.json';
const SETS = 'responses/requirement-set-list.v1.schema.json';
const BENCHMARKS = 'responses/benchmark-list.v1.schema.json';

let app: TestApp;
before(async () => {
  app = await startTestApp();
});
after(() => app.close());

const ids = (body: { items: Array<{ id: string }> }) => body.items.map((b) => b.id);
async function benchmarks(query: string) {
  const res = await app.get(`/v1/benchmarks${query}`);
  assert.equal(res.status, 200, res.text);
  assertSchema(res.body, BENCHMARKS);
  return res.body;
}

describe('GET /v1/levels and /v1/levels/sets', () => {
  it('lists every requirement set, the document each judges, and which is active', async () => {
    const res = await app.get('/v1/levels/sets');
    assert.equal(res.status, 200, res.text);
    assertSchema(res.body, SETS);
    assert.deepEqual(
      res.body.items.map((s: Record<string, unknown>) => [s.id, s.submissionSchema, s.active]),
      [
        ['2026.1', 'chipreg/submission/v1', true],
        ['2026.2', 'chipreg/submission/v2', false],
      ],
    );
  });

  it('answers the active set without `set`, and any set with it', async () => {
    const active = await app.get('/v1/levels');
    assertSchema(active.body, SET);
    assert.equal(active.body.id, '2026.1');
    const v2 = await app.get('/v1/levels?set=2026.2');
    assert.equal(v2.status, 200, v2.text);
    assertSchema(v2.body, SET);
    assert.equal(v2.body.id, '2026.2');
    assert.equal(v2.body.submissionSchema, 'chipreg/submission/v2');
    const v1 = await app.get('/v1/levels?set=2026.1');
    assert.deepEqual(v1.body, active.body);
  });

  it('an unknown set is a 404, a malformed one a 400 naming the parameter', async () => {
    assertProblem(await app.get('/v1/levels?set=2025.9'), 404);
    const bad = await app.get('/v1/levels?set=latest');
    assertProblem(bad, 400);
    assert.match(JSON.stringify(bad.body), /set/);
    assertProblem(await app.get('/v1/levels/sets?set=2026.1'), 400);
  });
});

describe('GET /v1/benchmarks', () => {
  it('lists the whole registry of data/benchmarks/, each record with direction, scale and sources', async () => {
    const body = await benchmarks('');
    const files = readdirSync(new URL('../../data/benchmarks/', import.meta.url)).filter((f) => f.endsWith('.json'));
    assert.deepEqual(ids(body), files.map((f) => f.replace(/\.json$/, '')).sort());
    const wikitext = body.items.find((b: { id: string }) => b.id === 'wikitext-103');
    assert.deepEqual([wikitext.direction, wikitext.scale, wikitext.minimum], ['lower', 'positive', 1]);
    assert.ok(body.items.every((b: { sources: unknown[] }) => b.sources.length > 0));
  });

  it('resolves an alias as the engine does: C-Eval, ceval (5-shot) and ceval-valid are ceval', async () => {
    for (const name of ['C-Eval', 'ceval (5-shot)', 'ceval-valid', 'CEVAL']) {
      assert.deepEqual(ids(await benchmarks(`?q=${encodeURIComponent(name)}`)), ['ceval'], name);
    }
    const [ceval] = (await benchmarks('?q=C-Eval')).items;
    assert.deepEqual([ceval.direction, ceval.scale, ceval.shots], ['higher', 'percent', 5]);
  });

  it('one task name can stand for two benchmarks; the metric picks the one a score is judged by', async () => {
    assert.deepEqual(ids(await benchmarks('?q=lambada_openai')), ['lambada-openai', 'lambada-openai-perplexity']);
    const ppl = await benchmarks('?q=lambada_openai&metric=perplexity');
    assert.deepEqual(ids(ppl), ['lambada-openai-perplexity']);
    assert.equal(ppl.items[0].direction, 'lower');
    assert.deepEqual(ids(await benchmarks('?q=lambada_openai&metric=acc')), ['lambada-openai']);
    assert.deepEqual(ids(await benchmarks(`?q=wikitext&metric=${encodeURIComponent('word_perplexity,none')}`)), [
      'wikitext-2',
    ]);
    assert.deepEqual(ids(await benchmarks('?q=wikitext&metric=bits_per_byte')), [], 'not judged as a perplexity');
  });

  it('an unknown name is an empty list (such a score is reported, not counted); bad input is a 400', async () => {
    assert.deepEqual(ids(await benchmarks('?q=my-private-eval')), []);
    assertProblem(await app.get(`/v1/benchmarks?q=${'x'.repeat(500)}`), 400);
    assertProblem(await app.get('/v1/benchmarks?limit=5'), 400);
  });

  it('GET /v1/benchmarks/{id} answers one record by id or alias, 404 otherwise', async () => {
    const res = await app.get(`/v1/benchmarks/${encodeURIComponent('C-Eval (5-shot)')}`);
    assert.equal(res.status, 200, res.text);
    assertSchema(res.body, 'benchmark.v1.schema.json');
    assert.equal(res.body.id, 'ceval');
    assertProblem(await app.get('/v1/benchmarks/my-private-eval'), 404);
  });
});
