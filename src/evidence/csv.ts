import { UnreadableToolOutputError } from '../errors.js';

/**
 * RFC 4180 records of `text`: quoted cells may hold commas, quotes ("") and line breaks. A blank
 * line is kept as an empty record, because tools use it to separate tables in one file.
 */
export function csvRecords(text: string, where: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
      continue;
    }
    if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      record.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(cell);
      records.push(record.length === 1 && record[0] === '' ? [] : record);
      record = [];
      cell = '';
    } else cell += c;
  }
  if (quoted) throw new UnreadableToolOutputError(`${where}: a quoted CSV cell is never closed`);
  if (cell !== '' || record.length) {
    record.push(cell);
    records.push(record);
  }
  return records;
}
