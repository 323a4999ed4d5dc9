import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { requestCompletion, type CompletionRequest } from '../../src/kit/openai-request.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/sse', name));

/** A fetch that answers each call with the next response, streaming bodies in the given byte pieces. */
function fakeFetch(responses: Array<{ status?: number; type: string; body: Uint8Array | string; pieces?: number }>) {
  let call = 0;
  return (async () => {
    const r = responses[Math.min(call++, responses.length - 1)]!;
    const bytes = typeof r.body === 'string' ? new TextEncoder().encode(r.body) : r.body;
    const size = Math.max(1, Math.ceil(bytes.length / (r.pieces ?? 1)));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += size) controller.enqueue(bytes.slice(i, i + size));
        controller.close();
      },
    });
    return new Response(stream, { status: r.status ?? 200, headers: { 'content-type': r.type } });
  }) as typeof fetch;
}

const base: Omit<CompletionRequest, 'fetch'> = {
  endpoint: 'http://127.0.0.1:9/v1',
  model: 'm',
  api: 'chat',
  prompt: 'p',
  stream: true,
  maxTokens: 8,
  timeoutMs: 5000,
  retries: 2,
};

describe('kit requests to an OpenAI-compatible server', () => {
  it('reads a stream split in 60 pieces (some through multi-byte characters) to the same answer', async () => {
    const out = await requestCompletion({
      ...base,
      fetch: fakeFetch([{ type: 'text/event-stream', body: fixture('synthetic-edge-cases.sse'), pieces: 60 }]),
    });
    assert.equal(out.ok, true);
    assert.equal(out.text, '你好!');
    assert.equal(out.firstChunk, '你好');
    assert.equal(out.done, true);
    assert.equal(out.finishReason, 'stop');
    assert.equal(out.attempts, 1);
  });

  it('a real stream cut before finish_reason and [DONE] (vLLM transcript) is an unfinished answer, not retried', async () => {
    const out = await requestCompletion({
      ...base,
      fetch: fakeFetch([{ type: 'text/event-stream; charset=utf-8', body: fixture('vllm-chat-qwen3-8b.sse') }]),
    });
    assert.equal(out.ok, false);
    assert.deepEqual(out.error, { kind: 'protocol', message: 'stream ended without finish_reason or data: [DONE]' });
    assert.equal(out.attempts, 1);
  });

  it('a streamed request answered with JSON is a protocol failure that says so', async () => {
    const out = await requestCompletion({ ...base, fetch: fakeFetch([{ type: 'application/json', body: '{}' }]) });
    assert.match(out.error!.message, /answered with application\/json, not text\/event-stream/);
  });

  it('retries a 503 and counts it; does not retry a 400', async () => {
    const ok = JSON.stringify({
      choices: [{ message: { content: 'Hi' }, finish_reason: 'stop' }],
      usage: { completion_tokens: 1 },
    });
    const cured = await requestCompletion({
      ...base,
      stream: false,
      fetch: fakeFetch([
        { status: 503, type: 'application/json', body: '{"error":"busy"}' },
        { type: 'application/json', body: ok },
      ]),
    });
    assert.deepEqual(
      [cured.ok, cured.text, cured.attempts, cured.httpErrors, cured.completionTokens],
      [true, 'Hi', 2, 1, 1],
    );
    const refused = await requestCompletion({
      ...base,
      stream: false,
      fetch: fakeFetch([{ status: 400, type: 'application/json', body: '{"error":"unknown model m"}' }]),
    });
    assert.deepEqual([refused.ok, refused.attempts, refused.httpErrors], [false, 1, 1]);
    assert.equal(refused.error!.status, 400);
    assert.match(refused.error!.message, /unknown model m/);
  });

  it('a non-streamed body with Python NaN logprobs is read and flagged', async () => {
    const out = await requestCompletion({
      ...base,
      stream: false,
      fetch: fakeFetch([
        {
          type: 'application/json',
          body: '{"choices":[{"message":{"content":"x"},"logprobs":{"content":[{"logprob":-Infinity}]},"finish_reason":"stop"}]}',
        },
      ]),
    });
    assert.deepEqual([out.ok, out.text, out.nonFinite], [true, 'x', true]);
  });
});
