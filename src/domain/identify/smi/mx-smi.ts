import { PIPE, normaliseSlot, seenDevice, type SeenDevice } from '../types.js';

export const isMxSmi = (text: string) =>
  /mx-smi\s+version|MetaX System Management Interface|^GPU#\d+\s+MX/im.test(text);

const TABLE_ROW = /^\|\s*(\d+)\s+([^\s|]+)\s*\|\s*([0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])\s*\|/i;
const LIST_ROW = /^GPU#(\d+)\s+(\S+)\s+([0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])/i;

/** `mx-smi` table (`| 0  MXC550 | 0000:2a:00.0 |` then `| 31C 44W | 810/65536 MiB |`) and `mx-smi -L` lines. */
export function parseMxSmi(lines: readonly string[]): SeenDevice[] {
  const devices: SeenDevice[] = [];
  let last: SeenDevice | null = null;
  for (const line of lines) {
    if (line.charCodeAt(0) !== PIPE && !line.startsWith('GPU#')) continue;
    const row = TABLE_ROW.exec(line) ?? LIST_ROW.exec(line);
    if (row) {
      last = seenDevice('mx-smi', { vendor: 'metax', vendorId: '9999', name: row[2]!, slot: normaliseSlot(row[3]!) });
      devices.push(last);
      continue;
    }
    const memory = last && /(\d+)\s*\/\s*(\d+)\s*MiB/i.exec(line);
    if (last && memory) {
      last.memoryMiB = Number(memory[2]);
      last = null;
    }
  }
  return devices;
}
