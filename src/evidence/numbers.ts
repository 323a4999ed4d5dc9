import { UnreadableToolOutputError } from '../errors.js';

/** A number as printed in a cell, with the unit the cell carried ("12300.2 ms", "41.6 token/s", "40%"). */
export interface CellNumber {
  value: number;
  unit: string;
}

const NUMBER = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?|[+-]?\.\d+)\s*(.*)$/;

/**
 * Reads a printed number: thousands separators ("3,485.23"), a unit after it ("98409.4916 ms",
 * "40%"). Returns null for cells that say nothing ("", "N/A", "-", "not set", "None", "inf") and
 * undefined for cells that are not numbers at all.
 */
export function readCell(text: string): CellNumber | null | undefined {
  const cell = text.trim();
  if (/^(|n\/a|-|--|none|null|nan|not set|inf|infinity)$/i.test(cell)) return null;
  const match = NUMBER.exec(cell);
  if (!match) return undefined;
  const value = Number(match[1]!.replaceAll(',', ''));
  return Number.isFinite(value) ? { value, unit: match[2]!.trim() } : null;
}

/** A cell that must hold a number: absent cells are null, anything else is a damaged file. */
export function numberCell(text: string, where: string): CellNumber | null {
  const cell = readCell(text);
  if (cell === undefined) throw new UnreadableToolOutputError(`${where}: "${text.trim()}" is not a number`);
  return cell;
}

const MS_PER: Record<string, number> = { s: 1000, sec: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };

/** Milliseconds from a value in a stated time unit; unknown units are a damaged file, never a guess. */
export function toMs(value: number, unit: string, where: string): number {
  const factor = MS_PER[unit.trim().toLowerCase()];
  if (factor === undefined) throw new UnreadableToolOutputError(`${where}: unknown time unit "${unit}"`);
  // Rounded to the nanosecond so that 0.1131 s reads as 113.1 ms, not 113.10000000000001.
  return round(value * factor, 6);
}

export const round = (value: number, digits: number): number => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

/** A JSON value that must be a finite number when present; the tool's "not measured" sentinels are absent. */
export function jsonNumber(value: unknown, where: string, absentSentinels: readonly number[] = []): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new UnreadableToolOutputError(`${where}: ${JSON.stringify(value)} is not a number`);
  return absentSentinels.includes(value) ? undefined : value;
}
