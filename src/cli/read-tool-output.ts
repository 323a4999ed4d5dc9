import { MAX_TOOL_OUTPUT_BYTES } from '../domain/limits.js';
import { CliExit } from './cli-io.js';
import { InputFileError, readInputBytes } from './read-input-file.js';

/** The bytes of a file named for `chipreg evidence`; a file that cannot be read ends the command (exit 1). */
export function readToolOutput(path: string): Buffer {
  try {
    return readInputBytes(path, MAX_TOOL_OUTPUT_BYTES);
  } catch (error) {
    if (error instanceof InputFileError) throw new CliExit(1, `${path}: ${error.message}`);
    throw error;
  }
}
