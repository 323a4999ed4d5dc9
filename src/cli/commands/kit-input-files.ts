import { InputFileError, readInputFile } from '../read-input-file.js';
import { CliExit } from '../cli-io.js';
import { defaultPromptSetPath, parsePromptSet, type PromptSet } from '../../kit/prompt-set.js';

/** Largest run log `--reference` reads: 120 prompts at thousands of tokens each stay well below it. */
const MAX_RUN_LOG_BYTES = 256 * 1024 * 1024;

/** Reads a file named on the command line; what cannot be read is a usage error naming the option. */
export function readOptionFile(option: string, path: string, maxBytes?: number): string {
  try {
    return readInputFile(path, maxBytes);
  } catch (error) {
    if (error instanceof InputFileError) throw new CliExit(2, `${option} ${path}: ${error.message}`);
    throw error;
  }
}

export const readRunLogOption = (option: string, path: string) => readOptionFile(option, path, MAX_RUN_LOG_BYTES);

/** The prompt set of `--prompts`, or the shipped one. */
export function promptSetOption(path: string | undefined): PromptSet {
  const file = path ?? defaultPromptSetPath();
  const text = readOptionFile('--prompts', file);
  try {
    return parsePromptSet(text, file);
  } catch (error) {
    throw new CliExit(2, `cannot read the prompt set: ${(error as Error).message}`);
  }
}
