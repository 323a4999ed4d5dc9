/** Readers for the tables tools print: box drawing (rich, tabulate "fancy_grid"), ASCII grids, pipes, key: value lines. */

const BORDER = /^[\s─━┄┅┈┉═│┃┼╋┿╇╈╀╁┡┩┏┓┗┛┣┫┳┻┠┨┯┷╞╡╪╤╧╒╕╘╛├┤┬┴┌┐└┘╔╗╚╝╠╣╦╩╬+\-=|:]*$/;
const CELL_SEPARATOR = /[│┃|]/;

/** True for lines that only draw a table's frame. */
export const isBorder = (line: string): boolean => BORDER.test(line) && /[─━═+\-]/.test(line);

/** True when `bottom` closes the table `top` opened: a frame line of the same width (a cut-off line is shorter). */
export const closes = (top: string, bottom: string): boolean =>
  isBorder(bottom.trim()) && bottom.trim().length === top.trim().length;

/**
 * The cells of every row of a framed table in `lines` (frames dropped, cells trimmed). A row is a
 * line with cell separators on both ends; anything else ends the table.
 */
export function framedRows(lines: readonly string[]): string[][] {
  const rows: string[][] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (isBorder(line)) continue;
    if (!CELL_SEPARATOR.test(line[0]!) || !CELL_SEPARATOR.test(line.at(-1)!)) break;
    rows.push(
      line
        .slice(1, -1)
        .split(CELL_SEPARATOR)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

/** Lines from the first one matching `anchor` to the end. */
export function linesFrom(text: string, anchor: RegExp): string[] | null {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => anchor.test(line));
  return start < 0 ? null : lines.slice(start);
}

/** `key: value` pairs of the given lines, split at the first colon, both sides trimmed. */
export function keyValues(lines: readonly string[]): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const line of lines) {
    const at = line.indexOf(':');
    if (at <= 0) continue;
    const key = line.slice(0, at).trim();
    if (!pairs.has(key)) pairs.set(key, line.slice(at + 1).trim());
  }
  return pairs;
}

/** Columns of a whitespace-aligned table (tabulate "simple"): header, dashes, rows. */
export function alignedRows(lines: readonly string[]): string[][] {
  const dashes = lines[1];
  if (!dashes || !/^-+(\s+-+)*\s*$/.test(dashes.trim())) return [];
  const spans: Array<[number, number]> = [];
  for (const match of dashes.matchAll(/-+/g)) spans.push([match.index, match.index + match[0].length]);
  const cut = (line: string) =>
    spans.map(([start, end], i) => line.slice(start, i === spans.length - 1 ? undefined : end).trim());
  const rows = [cut(lines[0]!)];
  for (const line of lines.slice(2)) {
    if (!line.trim()) break;
    rows.push(cut(line));
  }
  return rows;
}
