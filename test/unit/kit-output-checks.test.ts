import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { completionUrl } from '../../src/kit/endpoint-url.js';
import { isGarbled, isNanOrInfText, parseLenientJson, textAfterEos } from '../../src/kit/output-checks.js';
import { latencySummary, percentile } from '../../src/kit/percentiles.js';
import { samePrefix, segmentTokens } from '../../src/kit/token-segments.js';

describe('kit output checks', () => {
  it('garbled: U+FFFD, control characters, lone surrogates and noncharacters; never ordinary text', () => {
    for (const bad of [
      'Par\uFFFDis',
      'a\u0000b',
      'bell\u0007',
      'esc\u001b[0m',
      'del\u007f',
      'c1\u0085',
      '\uD800x',
      'x\uDC00',
      '\uFDD0',
      '\uFFFE',
      '\u{1FFFF}',
    ])
      assert.ok(isGarbled(bad), JSON.stringify(bad));
    for (const good of ['Paris', '巴黎。', 'tab\tand\nnew\r\nline', '😀 emoji', 'Ünïcödé', '<think>\n</think>'])
      assert.ok(!isGarbled(good), good);
  });

  it('NaN/Inf text is an answer that is only such a literal', () => {
    for (const t of ['NaN', ' nan ', '-inf', 'Infinity', '+INF']) assert.ok(isNanOrInfText(t), t);
    for (const t of ['NaN is not a number', 'infinite', '42', '']) assert.ok(!isNanOrInfText(t), t);
  });

  it("reads Python's bare NaN/Infinity as non-finite, never inside strings, and refuses other broken JSON", () => {
    assert.deepEqual(parseLenientJson('{"a":1}'), { value: { a: 1 }, nonFinite: false });
    assert.deepEqual(parseLenientJson('{"lp":NaN,"x":[-Infinity, 1]}'), {
      value: { lp: null, x: [null, 1] },
      nonFinite: true,
    });
    assert.throws(() => parseLenientJson('{"a":'));
    assert.deepEqual(parseLenientJson('{"text":"NaN, Infinity"}').nonFinite, false);
  });

  it('text after an end-of-sequence marker, and a second marker, are found; a trailing marker is not', () => {
    assert.equal(textAfterEos('Paris'), null);
    assert.equal(textAfterEos('Paris<|im_end|>'), null);
    assert.equal(textAfterEos('Paris</s>\n'), null);
    assert.equal(textAfterEos('Paris<|im_end|>\nuser: next'), '\nuser: next');
    assert.equal(textAfterEos('Paris</s></s>'), '</s>');
    assert.equal(textAfterEos('<|EOT|><｜tool▁calls▁begin｜>'), '<｜tool▁calls▁begin｜>');
  });
});

describe('kit token segmentation (no tokenizer of the model)', () => {
  it('words in Latin scripts, one token per CJK character and per punctuation mark, no whitespace', () => {
    assert.deepEqual(segmentTokens('The answer is 42.'), ['The', 'answer', 'is', '42', '.']);
    assert.deepEqual(segmentTokens('北京是中国的首都。'), ['北', '京', '是', '中', '国', '的', '首', '都', '。']);
    assert.deepEqual(segmentTokens('GPU 有 8 张'), ['GPU', '有', '8', '张']);
    assert.deepEqual(segmentTokens('  '), []);
    // UAX #29 keeps a narrow no-break space inside a number, and U+FEFF inside a word: neither is a token.
    assert.deepEqual(segmentTokens('1\u202f000 km'), ['1', '000', 'km']);
    assert.deepEqual(segmentTokens('a\ufeffb'), ['a', 'b']);
  });

  it('segmentation is deterministic, drops only whitespace, and NFC-equal texts segment alike', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        const tokens = segmentTokens(text);
        assert.deepEqual(segmentTokens(text), tokens);
        assert.equal(tokens.join(''), text.normalize('NFC').replace(/\s/gu, ''));
        assert.deepEqual(segmentTokens(text.normalize('NFD')), tokens);
      }),
      { numRuns: 300 },
    );
  });

  it('samePrefix compares the first n tokens; shorter outputs must be equal throughout', () => {
    assert.ok(samePrefix([1, 2, 3], [1, 2, 4], 2));
    assert.ok(!samePrefix([1, 2, 3], [1, 2, 4], 3));
    assert.ok(!samePrefix([1, 2], [1, 2, 3], 32));
    assert.ok(samePrefix([], [], 32));
  });
});

describe('kit endpoint URLs and percentiles', () => {
  it('accepts a server root, a /v1 base or the full route', () => {
    assert.equal(completionUrl('http://h:8000', 'chat'), 'http://h:8000/v1/chat/completions');
    assert.equal(completionUrl('http://h:8000/v1/', 'chat'), 'http://h:8000/v1/chat/completions');
    assert.equal(completionUrl('http://h:8000/v1', 'completions'), 'http://h:8000/v1/completions');
    assert.equal(completionUrl('https://h/openai/v1/chat/completions', 'chat'), 'https://h/openai/v1/chat/completions');
    assert.equal(completionUrl('http://h/serving', 'chat'), 'http://h/serving/v1/chat/completions');
    assert.throws(() => completionUrl('h:8000', 'chat'), /http/);
    assert.throws(() => completionUrl('nonsense', 'chat'), /not a URL/);
  });

  it('nearest-rank percentiles; nothing measured gives nothing', () => {
    assert.equal(percentile([5, 1, 4, 2, 3], 50), 3);
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90), 9);
    assert.equal(percentile([7], 99), 7);
    assert.equal(latencySummary([]), undefined);
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1 }),
        fc.integer({ min: 1, max: 100 }),
        (xs, p) => {
          const v = percentile(xs, p)!;
          assert.ok(xs.includes(v));
          assert.ok(xs.filter((x) => x <= v).length >= (p / 100) * xs.length);
        },
      ),
    );
  });
});
