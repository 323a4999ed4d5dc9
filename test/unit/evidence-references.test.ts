import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { InvalidInputError } from '../../src/errors.js';
import type { ImportFragment } from '../../src/evidence/fragment.js';
import { parseReference, withReferences } from '../../src/evidence/references.js';

/** An lm-eval gsm8k result as the importer shapes it: one metric under two filters. */
const gsm8k: ImportFragment = {
  format: 'lm-eval-results-json',
  file: 'results.json',
  sha256: '0'.repeat(64),
  warnings: [],
  accuracy: {
    benchmarks: [
      { benchmark: 'gsm8k', metric: 'exact_match,strict-match', score: 0.71 },
      { benchmark: 'gsm8k', metric: 'exact_match,flexible-extract', score: 0.74 },
      { benchmark: 'ceval-valid', metric: 'acc', score: 0.52 },
    ],
  },
};
const references = (...specs: string[]) =>
  withReferences([gsm8k], specs.map(parseReference))[0]!.accuracy!.benchmarks.map((b) => b.reference);

describe('--reference benchmark[:metric]=value', () => {
  it('sets the reference on the score of that benchmark, name matched as the registry matches it', () => {
    assert.deepEqual(references('C-Eval valid=0.516'), [undefined, undefined, 0.516]);
  });

  it('an lm-eval filter picks one of the scores of a metric; the metric alone is ambiguous', () => {
    assert.deepEqual(references('gsm8k:exact_match,strict-match=0.723'), [0.723, undefined, undefined]);
    assert.throws(
      () => references('gsm8k:exact_match=0.72'),
      /several metrics \(exact_match,strict-match, exact_match,flexible-extract\)/,
    );
    assert.throws(() => references('gsm8k=0.72'), /several metrics/);
  });

  it('a reference of a benchmark that was not imported is an error listing what was', () => {
    assert.throws(() => references('mmlu=0.6'), /no imported score of mmlu; imported: gsm8k:exact_match,strict-match/);
  });

  it('a reference names a benchmark, and a metric when it has a colon', () => {
    for (const bad of [' : =0', ' =1', 'gsm8k: =0.7', 'gsm8k=', 'gsm8k=abc', 'gsm8k=0.7=0.8'])
      assert.throws(() => parseReference(bad), InvalidInputError, bad);
  });

  it('property: any text is a reference or the typed input error, never a wrong number', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.tuple(fc.string(), fc.string(), fc.double()).map(([b, m, v]) => `${b}:${m}=${v}`),
        ),
        (text) => {
          try {
            const r = parseReference(text);
            assert.ok(Number.isFinite(r.value) && r.benchmark.length > 0);
            assert.equal(String(r.value), String(Number(text.slice(text.lastIndexOf('=') + 1).trim())));
          } catch (error) {
            if (!(error instanceof InvalidInputError)) throw error;
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
