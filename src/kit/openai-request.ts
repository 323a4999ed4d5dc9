import { performance } from 'node:perf_hooks';
import { completionUrl, type CompletionApi } from './endpoint-url.js';
import { parseLenientJson } from './output-checks.js';
import { createSseParser } from './sse-parser.js';
import { createStreamReader } from './stream-reader.js';
import { firstChoice, serverError, tokenIdsOf, usageTokens } from './completion-json.js';

export interface CompletionRequest {
  endpoint: string;
  model: string;
  api: CompletionApi;
  prompt: string;
  stream: boolean;
  maxTokens: number;
  seed?: number;
  /** Ask for the generated token ids (vLLM's `return_token_ids`); other servers ignore or refuse it. */
  tokenIds?: boolean;
  apiKey?: string;
  /** Whole-request limit: connection, first byte and the full body. */
  timeoutMs: number;
  /** Further attempts after a timeout, a 429/5xx or a dropped connection. */
  retries: number;
  fetch?: typeof fetch;
}

/** Why the last attempt failed: `network` is a refused or dropped connection (the server process went away). */
export type FailureKind = 'timeout' | 'http' | 'network' | 'protocol';

/** One request as the kit records it in its JSONL: everything later checks need, nothing timing-free is lost. */
export interface CompletionOutcome {
  ok: boolean;
  text: string;
  finishReason: string | null;
  /** Streamed only: the first non-empty content delta. */
  firstChunk: string | null;
  /** Streamed only: ms from sending the request to the first non-empty content delta. */
  ttftMs: number | null;
  /** Streamed only: ms from sending the request to the last content delta. */
  lastTokenMs: number | null;
  e2eMs: number;
  /** Streamed only: content deltas received. */
  contentChunks: number;
  /** Streamed only: content that arrived after the chunk carrying `finish_reason`, or after `[DONE]`. */
  afterEnd: string;
  /** Streamed only: the stream ended with `data: [DONE]`. */
  done: boolean;
  /** `usage.completion_tokens` when the server reports it. */
  completionTokens: number | null;
  /** Generated token ids when the server returns them (vLLM `return_token_ids`), else null. */
  tokenIds: number[] | null;
  /** The body carried NaN/Infinity where JSON needs a number. */
  nonFinite: boolean;
  attempts: number;
  timeouts: number;
  httpErrors: number;
  networkErrors: number;
  error: { kind: FailureKind; status?: number; message: string } | null;
}

class AttemptError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

const RETRY_BACKOFF_MS = 100;

/** Sends one greedy completion, retrying transient failures; never throws for anything the server does. */
export async function requestCompletion(request: CompletionRequest): Promise<CompletionOutcome> {
  const counts = { attempts: 0, timeouts: 0, httpErrors: 0, networkErrors: 0 };
  let last: AttemptError | null = null;
  for (let attempt = 0; attempt <= request.retries; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, RETRY_BACKOFF_MS * attempt));
    counts.attempts++;
    try {
      return { ...(await attemptOnce(request)), ...counts, error: null, ok: true };
    } catch (error) {
      last = error instanceof AttemptError ? error : new AttemptError('network', (error as Error).message);
      if (last.kind === 'timeout') counts.timeouts++;
      else if (last.kind === 'http') counts.httpErrors++;
      else if (last.kind === 'network') counts.networkErrors++;
      const transient =
        last.kind === 'timeout' ||
        last.kind === 'network' ||
        (last.kind === 'http' && (last.status === 429 || (last.status ?? 0) >= 500));
      if (!transient) break;
    }
  }
  return {
    ...emptyOutcome(),
    ...counts,
    ok: false,
    error: { kind: last!.kind, message: last!.message, ...(last!.status ? { status: last!.status } : {}) },
  };
}

function emptyOutcome(): Omit<CompletionOutcome, 'attempts' | 'timeouts' | 'httpErrors' | 'networkErrors'> {
  return {
    ok: false,
    text: '',
    finishReason: null,
    firstChunk: null,
    ttftMs: null,
    lastTokenMs: null,
    e2eMs: 0,
    contentChunks: 0,
    afterEnd: '',
    done: false,
    completionTokens: null,
    tokenIds: null,
    nonFinite: false,
    error: null,
  };
}

function requestBody(r: CompletionRequest): Record<string, unknown> {
  return {
    model: r.model,
    ...(r.api === 'chat' ? { messages: [{ role: 'user', content: r.prompt }] } : { prompt: r.prompt }),
    temperature: 0,
    top_p: 1,
    max_tokens: r.maxTokens,
    ...(r.seed === undefined ? {} : { seed: r.seed }),
    ...(r.tokenIds ? { return_token_ids: true } : {}),
    stream: r.stream,
    ...(r.stream ? { stream_options: { include_usage: true } } : {}),
  };
}

type Outcome = ReturnType<typeof emptyOutcome>;

async function attemptOnce(r: CompletionRequest): Promise<Outcome> {
  const doFetch = r.fetch ?? fetch;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, r.timeoutMs);
  const started = performance.now();
  try {
    const response = await doFetch(completionUrl(r.endpoint, r.api), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: r.stream ? 'text/event-stream' : 'application/json',
        ...(r.apiKey ? { authorization: `Bearer ${r.apiKey}` } : {}),
      },
      body: JSON.stringify(requestBody(r)),
      signal: controller.signal,
    });
    if (!response.ok) {
      const body = (await response.text()).slice(0, 300);
      throw new AttemptError('http', `HTTP ${response.status}${body ? `: ${body}` : ''}`, response.status);
    }
    return r.stream ? await readStream(response, r.api, started) : await readJson(response, r.api, started);
  } catch (error) {
    if (error instanceof AttemptError) throw error;
    if (timedOut) throw new AttemptError('timeout', `no complete answer within ${r.timeoutMs} ms`);
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new AttemptError('network', cause?.code ?? cause?.message ?? (error as Error).message);
  } finally {
    clearTimeout(timer);
  }
}

async function readJson(response: Response, api: CompletionApi, started: number): Promise<Outcome> {
  const body = await response.text();
  let parsed: { value: unknown; nonFinite: boolean };
  try {
    parsed = parseLenientJson(body);
  } catch {
    throw new AttemptError('protocol', `response is not JSON: ${body.slice(0, 120)}`);
  }
  const error = serverError(parsed.value);
  if (error) throw new AttemptError('protocol', `server error in body: ${error}`);
  const choice = firstChoice(parsed.value);
  if (!choice) throw new AttemptError('protocol', 'response has no choices');
  const content = api === 'chat' ? choice.message?.content : choice.text;
  return {
    ...emptyOutcome(),
    ok: true,
    text: typeof content === 'string' ? content : '',
    finishReason: typeof choice.finish_reason === 'string' ? choice.finish_reason : null,
    e2eMs: performance.now() - started,
    completionTokens: usageTokens(parsed.value),
    tokenIds: tokenIdsOf(choice),
    nonFinite: parsed.nonFinite,
  };
}

async function readStream(response: Response, api: CompletionApi, started: number): Promise<Outcome> {
  if (!response.body) throw new AttemptError('protocol', 'streamed response has no body');
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('text/event-stream'))
    throw new AttemptError(
      'protocol',
      `a streamed request was answered with ${type || 'no content type'}, not text/event-stream`,
    );
  const reader = createStreamReader(api, () => performance.now() - started);
  const parser = createSseParser(({ data }) => reader.onData(data));
  const decoder = new TextDecoder();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    parser.push(decoder.decode(chunk, { stream: true }));
  }
  parser.push(decoder.decode());
  parser.end();
  const result = reader.result();
  if ('failure' in result) throw new AttemptError('protocol', result.failure);
  return { ...emptyOutcome(), ...result, ok: true, e2eMs: performance.now() - started };
}
