import { appendFileSync, existsSync, statSync, writeFileSync } from 'node:fs';
import type { CompletionApi } from './endpoint-url.js';
import { requestCompletion } from './openai-request.js';
import type { PromptSet } from './prompt-set.js';
import { readRunLog, resumeConflict, type PromptRecord, type RunHeader } from './run-log.js';
import { InvalidInputError } from '../errors.js';

export interface FunctionalRunOptions {
  endpoint: string;
  model: string;
  api: CompletionApi;
  maxTokens: number;
  seed: number | null;
  tokenIds: boolean;
  apiKey?: string;
  timeoutMs: number;
  retries: number;
  promptSet: PromptSet;
  kitVersion: string;
  /** The JSONL the run appends to, one line per prompt as soon as it is answered. */
  out: string;
  resume: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Stops between prompts (what an interrupt does); the JSONL holds every prompt answered so far. */
  signal?: AbortSignal;
  now?: () => Date;
  fetch?: typeof fetch;
}

export interface FunctionalRun {
  header: RunHeader;
  records: PromptRecord[];
  resumedFrom: number;
  interrupted: boolean;
}

/**
 * Sends every prompt of the set, streamed then non-streamed, greedily and one at a time (so one
 * prompt's latency never depends on another's), appending each prompt's record to the JSONL before
 * the next. With `resume`, prompts already in the JSONL are not sent again; the summary is computed
 * from the JSONL alone, so an interrupted and resumed run summarises exactly like an uninterrupted one.
 */
export async function runFunctional(o: FunctionalRunOptions): Promise<FunctionalRun> {
  const wanted: RunHeader = {
    type: 'header',
    kit: { name: 'chipreg-kit', version: o.kitVersion },
    promptSet: { name: o.promptSet.name, sha256: o.promptSet.sha256, size: o.promptSet.prompts.length },
    endpoint: o.endpoint,
    model: o.model,
    api: o.api,
    maxTokens: o.maxTokens,
    seed: o.seed,
    startedAt: (o.now ?? (() => new Date()))().toISOString(),
  };
  const hasFile = existsSync(o.out) && statSync(o.out).size > 0;
  if (hasFile && !o.resume)
    throw new InvalidInputError(`${o.out} already exists; pass --resume to continue that run, or another --out`);
  const log = o.resume ? readRunLog(o.out, true) : { header: null, records: [] };
  let header = wanted;
  if (log.header) {
    const conflict = resumeConflict(log.header, wanted);
    if (conflict) throw new InvalidInputError(`cannot resume ${o.out}: ${conflict}`);
    header = log.header;
  } else if (log.records.length) throw new InvalidInputError(`cannot resume ${o.out}: it has no run header`);
  else writeFileSync(o.out, JSON.stringify(wanted) + '\n');

  const done = new Map(log.records.map((r) => [r.id, r]));
  const total = o.promptSet.prompts.length;
  let count = o.promptSet.prompts.filter((p) => done.has(p.id)).length;
  o.onProgress?.(count, total);
  let interrupted = false;
  for (const p of o.promptSet.prompts) {
    if (done.has(p.id)) continue;
    if (o.signal?.aborted) {
      interrupted = true;
      break;
    }
    const base = {
      endpoint: o.endpoint,
      model: o.model,
      api: o.api,
      prompt: p.prompt,
      maxTokens: o.maxTokens,
      ...(o.seed === null ? {} : { seed: o.seed }),
      tokenIds: o.tokenIds,
      ...(o.apiKey ? { apiKey: o.apiKey } : {}),
      timeoutMs: o.timeoutMs,
      retries: o.retries,
      ...(o.fetch ? { fetch: o.fetch } : {}),
    };
    const streamed = await requestCompletion({ ...base, stream: true });
    const nonStreamed = await requestCompletion({ ...base, stream: false });
    const record: PromptRecord = { type: 'result', id: p.id, lang: p.lang, streamed, nonStreamed };
    appendFileSync(o.out, JSON.stringify(record) + '\n');
    done.set(p.id, record);
    o.onProgress?.(++count, total);
  }
  // Records in prompt-set order, whatever order the resumed pieces were written in.
  const records = o.promptSet.prompts.flatMap((p) => (done.has(p.id) ? [done.get(p.id)!] : []));
  return { header, records, resumedFrom: log.records.length, interrupted };
}
