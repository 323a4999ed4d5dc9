import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { CompletionApi } from './endpoint-url.js';
import type { CompletionOutcome } from './openai-request.js';
import { InvalidInputError } from '../errors.js';

/** First line of a functional run's JSONL: what was run, so a resumed run or a reference can be checked against it. */
export interface RunHeader {
  type: 'header';
  kit: { name: 'chipreg-kit'; version: string };
  promptSet: { name: string; sha256: string; size: number };
  endpoint: string;
  model: string;
  api: CompletionApi;
  maxTokens: number;
  seed: number | null;
  startedAt: string;
}

/** One line per prompt: its streamed and its non-streamed answer. */
export interface PromptRecord {
  type: 'result';
  id: string;
  lang: string;
  streamed: CompletionOutcome;
  nonStreamed: CompletionOutcome;
}

export interface RunLog {
  header: RunHeader | null;
  records: PromptRecord[];
}

/**
 * Reads a run's JSONL. A line that does not parse can only be the last one, cut by an interrupted
 * write; it is dropped (and, with `repair`, removed from the file so appends start on a clean line).
 */
export function readRunLog(path: string, repair = false): RunLog {
  if (!existsSync(path)) return { header: null, records: [] };
  const lines = readFileSync(path, 'utf8').split('\n');
  let header: RunHeader | null = null;
  const records: PromptRecord[] = [];
  const kept: string[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let value: { type?: string };
    try {
      value = JSON.parse(line) as { type?: string };
    } catch {
      if (lines.slice(i + 1).some((l) => l.trim() !== ''))
        throw new InvalidInputError(`${path}:${i + 1}: not JSON (only the last line of an interrupted run may be cut)`);
      return;
    }
    if (value.type === 'header' && !header) header = value as RunHeader;
    else if (value.type === 'result') records.push(value as PromptRecord);
    else throw new InvalidInputError(`${path}:${i + 1}: neither a run header nor a prompt result`);
    kept.push(line);
  });
  if (repair && kept.length !== lines.filter((l) => l.trim() !== '').length)
    writeFileSync(path, kept.map((l) => l + '\n').join(''));
  return { header, records };
}

/** Why a run log cannot be resumed with these settings, or null when it can. */
export function resumeConflict(existing: RunHeader, wanted: RunHeader): string | null {
  const fields = ['model', 'api', 'maxTokens', 'seed'] as const;
  for (const f of fields)
    if (existing[f] !== wanted[f])
      return `it was run with ${f} ${JSON.stringify(existing[f])}, this run asks for ${JSON.stringify(wanted[f])}`;
  if (existing.promptSet.sha256 !== wanted.promptSet.sha256)
    return `it was run on prompt set ${existing.promptSet.name} (sha256 ${existing.promptSet.sha256.slice(0, 12)}…), not this one`;
  return null;
}
