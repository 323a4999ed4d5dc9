import type { CompletionApi } from './endpoint-url.js';
import { firstChoice, serverError, tokenIdsOf, usageTokens } from './completion-json.js';
import { parseLenientJson } from './output-checks.js';

export interface StreamResult {
  text: string;
  finishReason: string | null;
  firstChunk: string | null;
  ttftMs: number | null;
  lastTokenMs: number | null;
  contentChunks: number;
  afterEnd: string;
  done: boolean;
  completionTokens: number | null;
  tokenIds: number[] | null;
  nonFinite: boolean;
}

/**
 * Folds the `data:` payloads of one streamed completion (chat `delta.content` or completions `text`)
 * into the answer, noting when the first and last content arrived (`elapsed` is ms since the request
 * was sent) and any content that came after the chunk carrying `finish_reason` or after `[DONE]`.
 * A stream that ends with neither, or carries an error object or a payload that is not JSON, fails.
 */
export function createStreamReader(api: CompletionApi, elapsed: () => number) {
  const out: StreamResult = {
    text: '',
    finishReason: null,
    firstChunk: null,
    ttftMs: null,
    lastTokenMs: null,
    contentChunks: 0,
    afterEnd: '',
    done: false,
    completionTokens: null,
    tokenIds: null,
    nonFinite: false,
  };
  const ids: number[] = [];
  let sawIds = false;
  let ended = false;
  let failure: string | null = null;

  return {
    onData(data: string): void {
      if (failure !== null) return;
      if (data.trim() === '[DONE]') {
        out.done = true;
        ended = true;
        return;
      }
      let parsed: { value: unknown; nonFinite: boolean };
      try {
        parsed = parseLenientJson(data);
      } catch {
        failure = `stream event is not JSON: ${data.slice(0, 120)}`;
        return;
      }
      out.nonFinite ||= parsed.nonFinite;
      const error = serverError(parsed.value);
      if (error) {
        failure = `server error in stream: ${error}`;
        return;
      }
      out.completionTokens = usageTokens(parsed.value) ?? out.completionTokens;
      const choice = firstChoice(parsed.value);
      if (!choice) return;
      const raw = api === 'chat' ? choice.delta?.content : choice.text;
      const content = typeof raw === 'string' ? raw : '';
      const chunkIds = tokenIdsOf(choice);
      if (chunkIds) {
        sawIds = true;
        ids.push(...chunkIds);
      }
      if (content !== '') {
        // The chunk that carries finish_reason may carry the last token too (vLLM does); later ones may not.
        if (ended) out.afterEnd += content;
        else {
          const now = elapsed();
          if (out.firstChunk === null) {
            out.firstChunk = content;
            out.ttftMs = now;
          }
          out.lastTokenMs = now;
          out.contentChunks++;
          out.text += content;
        }
      }
      if (typeof choice.finish_reason === 'string' && !ended) {
        out.finishReason = choice.finish_reason;
        ended = true;
      }
    },
    result(): StreamResult | { failure: string } {
      if (failure !== null) return { failure };
      if (!out.done && out.finishReason === null)
        return { failure: 'stream ended without finish_reason or data: [DONE]' };
      return { ...out, tokenIds: sawIds ? ids : null };
    },
  };
}
