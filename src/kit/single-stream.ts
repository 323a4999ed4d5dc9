import { performance } from 'node:perf_hooks';
import type { CompletionApi } from './endpoint-url.js';
import { requestCompletion, type CompletionOutcome } from './openai-request.js';
import { latencySummary, mean } from './percentiles.js';
import type { PromptSet } from './prompt-set.js';

export interface SingleStreamOptions {
  endpoint: string;
  model: string;
  api: CompletionApi;
  maxTokens: number;
  seed: number | null;
  apiKey?: string;
  timeoutMs: number;
  retries: number;
  promptSet: PromptSet;
  /** Measured requests, sent one after another with the prompts of the set in order. */
  requests: number;
  /** Requests sent first and not measured (model load, graph capture, caches). */
  warmup: number;
  kitVersion: string;
  command: string;
  onProgress?: (done: number, total: number) => void;
  onRequest?: (index: number, outcome: CompletionOutcome) => void;
  fetch?: typeof fetch;
}

export const SINGLE_STREAM_COUNTING =
  'output tokens: usage.completion_tokens when the server reports it (stream_options.include_usage), else the number of non-empty content deltas';

/**
 * The single-stream scenario of edge, phone and vehicle devices: one streamed request at a time.
 * TTFT is the time from sending a request to its first non-empty content delta; a request's decode
 * rate is (output tokens − 1) / (last delta − first delta), the first token being prefill's.
 */
export async function runSingleStream(o: SingleStreamOptions) {
  const send = (i: number) =>
    requestCompletion({
      endpoint: o.endpoint,
      model: o.model,
      api: o.api,
      prompt: o.promptSet.prompts[i % o.promptSet.prompts.length]!.prompt,
      stream: true,
      maxTokens: o.maxTokens,
      ...(o.seed === null ? {} : { seed: o.seed }),
      ...(o.apiKey ? { apiKey: o.apiKey } : {}),
      timeoutMs: o.timeoutMs,
      retries: o.retries,
      ...(o.fetch ? { fetch: o.fetch } : {}),
    });
  const total = o.warmup + o.requests;
  for (let i = 0; i < o.warmup; i++) {
    await send(i);
    o.onProgress?.(i + 1, total);
  }
  const outcomes: CompletionOutcome[] = [];
  const started = performance.now();
  for (let i = 0; i < o.requests; i++) {
    const outcome = await send(o.warmup + i);
    outcomes.push(outcome);
    o.onRequest?.(i, outcome);
    o.onProgress?.(o.warmup + i + 1, total);
  }
  const durationSeconds = (performance.now() - started) / 1000;

  const ok = outcomes.filter((x) => x.ok && x.ttftMs !== null);
  const tokens = (x: CompletionOutcome) => x.completionTokens ?? x.contentChunks;
  const decoding = ok.filter((x) => tokens(x) > 1 && x.lastTokenMs! > x.ttftMs!);
  const tpot = decoding.map((x) => (x.lastTokenMs! - x.ttftMs!) / (tokens(x) - 1));
  const rates = decoding.map((x) => ((tokens(x) - 1) * 1000) / (x.lastTokenMs! - x.ttftMs!));
  const outputTokens = ok.reduce((n, x) => n + tokens(x), 0);
  const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
  const ttft = latencySummary(ok.map((x) => x.ttftMs!));
  const tpotSummary = latencySummary(tpot);
  const e2e = latencySummary(ok.map((x) => x.e2eMs));
  const decodeRate = mean(rates);

  const operatingPoint = {
    tool: { name: 'chipreg-kit', version: o.kitVersion, command: o.command },
    scenario: 'single-stream' as const,
    concurrency: 1,
    streaming: true,
    input: { dataset: `chipreg-functional-prompts/${o.promptSet.name}` },
    output: { ...(ok.length ? { meanTokens: round(outputTokens / ok.length, 1) } : {}), maxTokens: o.maxTokens },
    durationSeconds: round(durationSeconds, 3),
    requests: { total: outcomes.length, succeeded: ok.length, failed: outcomes.length - ok.length },
    ...(ok.length && durationSeconds > 0
      ? {
          throughput: {
            requestsPerSecond: round(ok.length / durationSeconds, 3),
            outputTokensPerSecond: round(outputTokens / durationSeconds),
          },
        }
      : {}),
    ...(ttft || tpotSummary || e2e
      ? {
          latencyMs: {
            ...(ttft ? { ttft } : {}),
            ...(tpotSummary ? { tpot: tpotSummary } : {}),
            ...(e2e ? { e2e } : {}),
          },
        }
      : {}),
    ...(decodeRate === undefined ? {} : { decodeTokensPerSecond: round(decodeRate) }),
  };
  return {
    operatingPoint,
    tokenCounting: SINGLE_STREAM_COUNTING,
    percentiles: 'nearest rank over measured requests; warm-up requests excluded',
    warmup: o.warmup,
    failures: outcomes.flatMap((x, i) => (x.error ? [{ request: i, ...x.error }] : [])),
  };
}
