import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CliExit } from './cli-io.js';

/** Reads a JSON state file; null when it does not exist yet. */
export function readStateFile<T>(path: string): T | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CliExit(2, `cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new CliExit(2, `${path} is not a state file written by chipreg (not JSON)`);
  }
}

/** Replaces the state file atomically, so a crash never leaves half a state behind. */
export function writeStateFile(path: string, state: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2) + '\n');
  renameSync(tmp, path);
}
