import { AppError } from '../errors.js';

export interface CliIO {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** Raised by a command to end with a given exit code after printing its message. */
export class CliExit extends Error {
  constructor(
    readonly code: number,
    message = '',
  ) {
    super(message);
  }
}

/** A readable, multi-line rendering of any error: the message, then one line per problem. */
export function formatError(error: unknown): string {
  if (error instanceof AppError) {
    const lines = error.errors.map((p) => `  ${p.file ? `${p.file} ` : ''}${p.pointer || '/'}: ${p.detail}`);
    return [error.message, ...lines].join('\n');
  }
  return error instanceof Error ? error.message : String(error);
}
