import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createSseParser, parseSse, type SseEvent } from '../../src/kit/sse-parser.js';
import { createStreamReader, type StreamResult } from '../../src/kit/stream-reader.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/sse', name), 'utf8');

function read(text: string, api: 'chat' | 'completions') {
  const reader = createStreamReader(api, () => 0);
  for (const e of parseSse(text)) reader.onData(e.data);
  return reader;
}

/** Parses `text` fed in the given pieces. */
function parseInPieces(text: string, cuts: number[]): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createSseParser((e) => events.push(e));
  let at = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    parser.push(text.slice(at, cut));
    at = cut;
  }
  parser.push(text.slice(at));
  parser.end();
  return events;
}

describe('SSE parsing of real OpenAI-compatible streams (test/fixtures/sse)', () => {
  it('vLLM chat: one event per data line, each a chat.completion.chunk, content accumulated in order', () => {
    const events = parseSse(fixture('vllm-chat-qwen3-8b.sse'));
    assert.equal(events.length, 3);
    assert.ok(events.every((e) => JSON.parse(e.data).object === 'chat.completion.chunk'));
    const reader = read(fixture('vllm-chat-qwen3-8b.sse'), 'chat');
    // The thread shows the start of the stream only: no finish_reason, no [DONE] — an unfinished answer.
    assert.deepEqual(reader.result(), { failure: 'stream ended without finish_reason or data: [DONE]' });
    reader.onData('[DONE]');
    const r = reader.result() as StreamResult;
    assert.equal(r.text, ' .<think>');
    assert.equal(r.firstChunk, ' .', 'the empty role chunk is not the first token');
    assert.equal(r.contentChunks, 2);
  });

  it('vLLM continuous usage: usage.completion_tokens is taken from the chunks, token_ids null is no token ids', () => {
    const reader = read(fixture('vllm-omni-chat-continuous-usage.sse'), 'chat');
    reader.onData('[DONE]');
    const r = reader.result() as StreamResult;
    assert.equal(r.text, 'v');
    assert.equal(r.completionTokens, 1);
    assert.equal(r.tokenIds, null);
  });

  it('llama.cpp /v1/completions: text deltas of text_completion chunks', () => {
    const text = fixture('llama-cpp-completions.sse');
    assert.equal(parseSse(text).length, 5);
    const reader = read(text, 'completions');
    reader.onData('[DONE]');
    assert.equal((reader.result() as StreamResult).text, 'Hello! How can I');
  });

  it('tt-inference-server: unicode escapes decode, and text after an end-of-turn marker stays in the answer for the EOS check', () => {
    const reader = read(fixture('tt-inference-server-chat-eot.sse'), 'chat');
    reader.onData('[DONE]');
    assert.equal((reader.result() as StreamResult).text, '<|EOT|><｜tool▁calls▁begin｜>');
  });

  it('edge cases: CRLF, comments, event names, no space after the colon, multi-line data, finish and [DONE]', () => {
    const text = fixture('synthetic-edge-cases.sse');
    const events = parseSse(text);
    assert.deepEqual(
      events.map((e) => e.event),
      ['message', 'message', 'message', 'message', 'message'],
    );
    const reader = read(text, 'chat');
    const r = reader.result() as StreamResult;
    assert.equal(r.text, '你好!');
    assert.equal(r.finishReason, 'stop');
    assert.equal(r.done, true);
    assert.equal(r.afterEnd, '');
  });

  it('content after finish_reason or [DONE] is recorded as after the end, not as answer', () => {
    const reader = createStreamReader('chat', () => 0);
    reader.onData('{"choices":[{"delta":{"content":"Hi"},"finish_reason":"stop"}]}');
    reader.onData('{"choices":[{"delta":{"content":" again"},"finish_reason":null}]}');
    reader.onData('[DONE]');
    const r = reader.result() as StreamResult;
    assert.equal(r.text, 'Hi', 'the chunk carrying finish_reason may carry the last token');
    assert.equal(r.afterEnd, ' again');
  });

  it('an error object or a payload that is not JSON fails the stream', () => {
    const a = createStreamReader('chat', () => 0);
    a.onData('{"error":{"message":"out of memory"}}');
    assert.match((a.result() as { failure: string }).failure, /out of memory/);
    const b = createStreamReader('chat', () => 0);
    b.onData('{"choices":[');
    assert.match((b.result() as { failure: string }).failure, /not JSON/);
  });

  it('reads Python-style NaN in logprobs and flags it', () => {
    const reader = createStreamReader('chat', () => 0);
    reader.onData(
      '{"choices":[{"delta":{"content":"x"},"logprobs":{"content":[{"logprob":NaN}]},"finish_reason":"stop"}]}',
    );
    assert.equal((reader.result() as StreamResult).nonFinite, true);
  });

  for (const name of [
    'vllm-chat-qwen3-8b.sse',
    'vllm-omni-chat-continuous-usage.sse',
    'llama-cpp-completions.sse',
    'tt-inference-server-chat-eot.sse',
    'synthetic-edge-cases.sse',
  ]) {
    it(`${name}: the same events however the network splits the bytes`, () => {
      const text = fixture(name);
      const whole = parseSse(text);
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 40 }), (cuts) => {
          assert.deepEqual(parseInPieces(text, cuts), whole);
        }),
        { numRuns: 200 },
      );
    });
  }

  it('any stream of data events round-trips through serialisation with any line ending and any split', () => {
    const payload = fc.string({ unit: 'grapheme' }).filter((s) => !/[\r\n]/.test(s));
    fc.assert(
      fc.property(
        fc.array(fc.array(payload, { minLength: 1, maxLength: 3 }), { maxLength: 6 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.array(fc.nat(), { maxLength: 10 }),
        (events, eol, cuts) => {
          const text = events.map((lines) => lines.map((l) => `data: ${l}${eol}`).join('') + eol).join('');
          const got = parseInPieces(
            text,
            cuts.map((c) => c % (text.length + 1)),
          );
          assert.deepEqual(
            got.map((e) => e.data),
            events.map((lines) => lines.join('\n')),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
