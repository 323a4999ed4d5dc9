import type { ParsedOutput } from './fragment.js';

export interface ParseOptions {
  /** Which model's column to read when a summary compares several models (ignored when it has one). */
  model?: string;
}

/** One kind of file a tool leaves behind, and how to read it. */
export interface ToolOutputFormat {
  /** The name `--format` takes and the fragment records. */
  name: string;
  /** What it is, for the list of known formats in errors and `--help`. */
  description: string;
  /** Recognises the file from its text alone; must be false for every other known format. */
  detect(text: string): boolean;
  /** Reads the whole file or throws UnreadableToolOutputError; never returns a partial result. */
  parse(text: string, options: ParseOptions): ParsedOutput;
}
