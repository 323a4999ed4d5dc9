import { InvalidArgumentError } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../package-root.js';

/** A commander parser for whole numbers in [min, max]; bad input is a usage error (exit 2). */
export const intOption =
  (min: number, max: number) =>
  (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return n;
  };

/** Seconds given on the command line, as milliseconds. */
export const secondsOption = (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 86400)
    throw new InvalidArgumentError('expected seconds, more than 0 and at most 86400 (e.g. 0.5 or 60)');
  return Math.round(n * 1000);
};

export const apiOption = (value: string): 'chat' | 'completions' => {
  if (value !== 'chat' && value !== 'completions') throw new InvalidArgumentError('expected chat or completions');
  return value;
};

export const kitVersion = (): string =>
  (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;

/** The key for the serving endpoint, from the environment only so it never lands in shell history or a run log. */
export const endpointApiKey = (env: NodeJS.ProcessEnv): string | undefined =>
  env.CHIPREG_KIT_API_KEY || env.OPENAI_API_KEY || undefined;
