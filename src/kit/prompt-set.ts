import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { dataDir } from '../package-root.js';
import { InvalidInputError } from '../errors.js';

export interface Prompt {
  id: string;
  lang: string;
  prompt: string;
}

export interface PromptSet {
  name: string;
  sha256: string;
  prompts: Prompt[];
}

export const DEFAULT_PROMPT_SET = '2026.1';

export const defaultPromptSetPath = (): string => join(dataDir(), 'functional-prompts', `${DEFAULT_PROMPT_SET}.jsonl`);

/** Parses a prompt set (JSONL of `{id, lang, prompt}`) read from `path`; its sha256 identifies the set in every run. */
export function parsePromptSet(text: string, path: string): PromptSet {
  const prompts: Prompt[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: Partial<Prompt>;
    try {
      value = JSON.parse(line) as Partial<Prompt>;
    } catch {
      throw new InvalidInputError(`${path}:${i + 1}: not JSON`);
    }
    if (typeof value.id !== 'string' || typeof value.prompt !== 'string' || value.prompt === '')
      throw new InvalidInputError(`${path}:${i + 1}: a prompt needs a string "id" and a non-empty "prompt"`);
    if (seen.has(value.id)) throw new InvalidInputError(`${path}:${i + 1}: duplicate id ${value.id}`);
    seen.add(value.id);
    prompts.push({ id: value.id, lang: typeof value.lang === 'string' ? value.lang : 'und', prompt: value.prompt });
  });
  if (!prompts.length) throw new InvalidInputError(`${path}: no prompts`);
  return {
    name: basename(path).replace(/\.jsonl$/, ''),
    sha256: createHash('sha256').update(text).digest('hex'),
    prompts,
  };
}
