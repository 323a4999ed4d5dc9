import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { indexBenchmarks, type Benchmark } from '../../src/domain/benchmarks.js';

const dir = new URL('../../data/benchmarks/', import.meta.url).pathname;
const registry = indexBenchmarks(
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Benchmark),
);
const idOf = (name: string, metric?: string) => registry.resolve(name, metric)?.id ?? null;

describe('the benchmark registry resolves a score by its name and, when it names one, its metric', () => {
  it('one lm-eval task, two benchmarks: LAMBADA accuracy is higher-is-better, its perplexity lower-is-better', () => {
    assert.equal(idOf('lambada_openai', 'perplexity'), 'lambada-openai-perplexity');
    assert.equal(
      idOf('lambada_openai', 'perplexity,none'),
      'lambada-openai-perplexity',
      'the filter is not the metric',
    );
    assert.equal(idOf('lambada_openai', 'ppl'), 'lambada-openai-perplexity', 'the old harness wrote ppl');
    assert.equal(idOf('lambada_openai', 'acc'), 'lambada-openai');
    assert.equal(registry.resolve('lambada_openai', 'perplexity')?.direction, 'lower');
    assert.equal(registry.resolve('lambada_openai', 'acc')?.direction, 'higher');
  });

  it('without a metric, the record whose id or name is the task wins', () => {
    assert.equal(idOf('lambada_openai'), 'lambada-openai');
    assert.equal(idOf('LAMBADA perplexity'), 'lambada-openai-perplexity');
  });

  it('a metric the record does not judge is not its score (wikitext bits_per_byte is no perplexity)', () => {
    assert.equal(idOf('wikitext', 'word_perplexity'), 'wikitext-2');
    assert.equal(idOf('wikitext', 'bits_per_byte'), null);
    assert.equal(idOf('wikitext', 'byte_perplexity'), null);
  });

  it('a record without metric names judges a score of any metric, as before', () => {
    assert.equal(idOf('mmlu', 'acc'), 'mmlu');
    assert.equal(idOf('ceval (5-shot)', 'accuracy'), 'ceval');
    assert.equal(idOf('my-private-eval', 'acc'), null);
  });
});
