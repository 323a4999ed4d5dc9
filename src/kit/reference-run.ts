import { createHash } from 'node:crypto';
import type { ReferenceOutput, ReferenceRun } from './functional-summary.js';
import type { PromptRecord, RunHeader } from './run-log.js';
import { InvalidInputError } from '../errors.js';

/**
 * Parses the reference platform's outputs: a `kit functional` JSONL from that platform (its
 * non-streamed answers are compared), or any JSONL of `{id, output}` lines. A kit run made on another
 * prompt set is refused: comparing different prompts would report a meaningless agreement.
 */
export function parseReferenceRun(text: string, path: string, promptSetSha256: string): ReferenceRun {
  const outputs = new Map<string, ReferenceOutput>();
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: Partial<PromptRecord> & Partial<RunHeader> & { output?: unknown };
    try {
      value = JSON.parse(line) as typeof value;
    } catch {
      throw new InvalidInputError(`${path}:${i + 1}: not JSON`);
    }
    if (value.type === 'header') {
      if (value.promptSet?.sha256 !== promptSetSha256)
        throw new InvalidInputError(
          `${path} was run on prompt set ${value.promptSet?.name ?? '?'}, not the one of this run`,
        );
      return;
    }
    if (value.type === 'result' && typeof value.id === 'string' && value.nonStreamed) {
      if (value.nonStreamed.ok)
        outputs.set(value.id, { text: value.nonStreamed.text, tokenIds: value.nonStreamed.tokenIds ?? null });
      return;
    }
    if (typeof value.id === 'string' && typeof value.output === 'string') {
      outputs.set(value.id, { text: value.output, tokenIds: null });
      return;
    }
    throw new InvalidInputError(`${path}:${i + 1}: expected a kit run line or {"id", "output"}`);
  });
  return { file: path, sha256: createHash('sha256').update(text).digest('hex'), outputs };
}
