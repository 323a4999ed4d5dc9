import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A fault the functional kit must catch, injected for one prompt. */
export type Fault =
  /** Every attempt answers 500 (or only the first `times` attempts). */
  | { kind: 'http-500'; times?: number }
  /** Accepts the request and never answers. */
  | { kind: 'timeout' }
  | { kind: 'empty' }
  /** The streamed answer starts with another token than the non-streamed one. */
  | { kind: 'first-token-mismatch' }
  /** The stream sends more content after the chunk carrying finish_reason. */
  | { kind: 'text-after-end' }
  /** Both answers go on after an end-of-sequence marker (a server that ignores its own EOS). */
  | { kind: 'text-after-eos-marker' }
  /** Waits before the first content delta (streamed) or before answering (non-streamed). */
  | { kind: 'slow-first-token'; delayMs: number }
  | { kind: 'garbled' }
  | { kind: 'nan' }
  /** Destroys the connection: what a crashed server process looks like to a client. */
  | { kind: 'drop-connection' };

export interface FakeServerOptions {
  /** Fault per prompt text. */
  faults?: Record<string, Fault>;
  /** The answer to a prompt when no fault changes it; deterministic by default. */
  answer?: (prompt: string) => string;
  /** Pause between content deltas. */
  tokenDelayMs?: number;
  /** Pause before the first content delta of every streamed request (and before every non-streamed answer). */
  firstTokenDelayMs?: number;
  onRequest?: (count: number) => void;
}

/** A stand-in token id per streamed piece, as a tokenizer would give (the same piece, the same id). */
export const pieceId = (piece: string): number => [...piece].reduce((h, c) => (h * 31 + c.codePointAt(0)!) % 50000, 7);

export interface FakeServer {
  url: string;
  requests: Array<{ path: string; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

export const defaultAnswer = (prompt: string): string => `Answer to ${prompt.slice(0, 24)} is 42.`;

/** Splits an answer into the deltas a server would stream: one per word with its leading space. */
export const answerPieces = (text: string): string[] => text.match(/\s*\S+/g) ?? [];

/**
 * An OpenAI-compatible server (POST /v1/chat/completions and /v1/completions, streamed and not)
 * on 127.0.0.1, port 0, answering greedily from `answer` and injecting `faults`.
 */
export async function startFakeOpenAiServer(options: FakeServerOptions = {}): Promise<FakeServer> {
  const requests: FakeServer['requests'] = [];
  const attempts = new Map<string, number>();
  const answer = options.answer ?? defaultAnswer;

  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      handle(req, res, raw).catch(() => res.destroy());
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body = JSON.parse(raw || '{}') as Record<string, unknown>;
    requests.push({ path, body });
    options.onRequest?.(requests.length);
    const chat = path === '/v1/chat/completions';
    if (req.method !== 'POST' || (!chat && path !== '/v1/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    const prompt = chat
      ? String((body.messages as Array<{ content: string }>)[0]?.content ?? '')
      : String(body.prompt ?? '');
    const stream = body.stream === true;
    const fault = options.faults?.[prompt];
    const n = (attempts.get(prompt) ?? 0) + 1;
    attempts.set(prompt, n);

    if (fault?.kind === 'http-500' && n <= (fault.times ?? Infinity)) {
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"injected failure"}}');
      return;
    }
    if (fault?.kind === 'timeout') return; // never answers; close() ends the socket
    if (fault?.kind === 'drop-connection') {
      req.socket.destroy();
      return;
    }

    let text = answer(prompt);
    if (fault?.kind === 'empty') text = '';
    if (fault?.kind === 'garbled') text = `Ans\uFFFDwer \u0007`;
    if (fault?.kind === 'nan') text = 'NaN';
    if (fault?.kind === 'text-after-eos-marker') text = `${text}<|im_end|> user: and then`;
    if (fault?.kind === 'first-token-mismatch' && stream) text = `Well, ${text}`;
    const pieces = answerPieces(text);
    const firstDelay = (fault?.kind === 'slow-first-token' ? fault.delayMs : 0) + (options.firstTokenDelayMs ?? 0);
    const id = `cmpl-${requests.length}`;
    const ids = body.return_token_ids === true ? { token_ids: pieces.map(pieceId) } : {};
    const usage = { prompt_tokens: 8, completion_tokens: pieces.length, total_tokens: 8 + pieces.length };

    if (!stream) {
      if (firstDelay) await sleep(firstDelay);
      const choice = chat
        ? { index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop', ...ids }
        : { index: 0, text, finish_reason: 'stop', ...ids };
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id, object: chat ? 'chat.completion' : 'text_completion', choices: [choice], usage }));
      return;
    }

    res.socket?.setNoDelay(true);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (choice: Record<string, unknown> | null, extra: Record<string, unknown> = {}) =>
      res.write(
        `data: ${JSON.stringify({ id, object: chat ? 'chat.completion.chunk' : 'text_completion', choices: choice ? [choice] : [], ...extra })}\n\n`,
      );
    const withIds = (content: string) =>
      body.return_token_ids === true && content ? { token_ids: [pieceId(content)] } : {};
    const delta = (content: string, finish: string | null = null) =>
      chat
        ? { index: 0, delta: { content }, finish_reason: finish, ...withIds(content) }
        : { index: 0, text: content, finish_reason: finish, ...withIds(content) };
    if (chat) send({ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null });
    if (firstDelay) await sleep(firstDelay);
    for (const [i, piece] of pieces.entries()) {
      if (i > 0 && options.tokenDelayMs) await sleep(options.tokenDelayMs);
      send(delta(piece));
    }
    send(delta('', 'stop'));
    if (fault?.kind === 'text-after-end') send(delta(' and more'));
    if ((body.stream_options as { include_usage?: boolean } | undefined)?.include_usage) send(null, { usage });
    res.end('data: [DONE]\n\n');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
