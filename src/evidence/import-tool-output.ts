import { createHash } from 'node:crypto';
import { UnreadableToolOutputError } from '../errors.js';
import type { ParseOptions, ToolOutputFormat } from './format.js';
import { FORMATS, formatNames } from './formats.js';
import type { ImportFragment, ParsedOutput } from './fragment.js';

export interface ImportOptions extends ParseOptions {
  /** A format name; without it the format is detected from the text. */
  format?: string;
}

/** Every error names the formats chipreg knows, so the reader can pick one with --format. */
const known = () => [{ pointer: '', detail: `known formats: ${formatNames().join(', ')}` }];

/**
 * One raw tool output → one import fragment. The format is the one named, or the single one that
 * recognises the text. Anything unreadable throws UnreadableToolOutputError naming the known
 * formats; nothing of a damaged file is ever returned.
 */
export function importToolOutput(raw: Buffer, file: string, options: ImportOptions = {}): ImportFragment {
  const format = chooseFormat(raw, file, options.format);
  const text = decode(raw, file);
  let parsed: ParsedOutput;
  try {
    parsed = format.parse(text, options);
  } catch (error) {
    if (error instanceof UnreadableToolOutputError)
      throw new UnreadableToolOutputError(`${file} is not a readable ${format.name} file: ${error.message}`, known());
    throw error;
  }
  const points = parsed.points ?? [];
  const benchmarks = parsed.benchmarks ?? [];
  if (!points.length && !benchmarks.length)
    throw new UnreadableToolOutputError(`${file}: the ${format.name} file holds no result`, known());
  const warnings = [...(parsed.warnings ?? [])];
  points.forEach((point, i) => {
    if (point.requests?.succeeded === 0) warnings.push(`operating point ${i + 1}: no request succeeded`);
  });
  return {
    format: format.name,
    file,
    sha256: createHash('sha256').update(raw).digest('hex'),
    ...(points.length ? { performance: { points } } : {}),
    ...(benchmarks.length ? { accuracy: { benchmarks } } : {}),
    ...(parsed.model ? { model: parsed.model } : {}),
    warnings,
  };
}

function chooseFormat(raw: Buffer, file: string, name: string | undefined): ToolOutputFormat {
  if (name) {
    const format = FORMATS.find((f) => f.name === name);
    if (!format) throw new UnreadableToolOutputError(`no format "${name}"`, known());
    return format;
  }
  const text = decode(raw, file);
  const matches = FORMATS.filter((format) => format.detect(text));
  if (matches.length === 1) return matches[0]!;
  if (!matches.length) throw new UnreadableToolOutputError(`${file} is not a tool output chipreg recognises`, known());
  throw new UnreadableToolOutputError(
    `${file} looks like several formats (${matches.map((f) => f.name).join(', ')}); name one with --format`,
    known(),
  );
}

function decode(raw: Buffer, file: string): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(raw);
  if (text.includes('\u0000')) throw new UnreadableToolOutputError(`${file} is binary, not a tool output`, known());
  // Pasted tables often arrive with a BOM or Windows line ends.
  return text.replace(/^\uFEFF/, '').replaceAll('\r\n', '\n');
}
