import { mib, normaliseSlot, seenDevice, type SeenDevice } from '../types.js';

/**
 * `bm-smi --text_format` prints one line per chip: `1684-SC5+ PCIE chip0: 0 000:01:00.0 Active ... 0MB 7086MB`
 * (board name, mode, index of the chip on its card, device id, bus id, status, ..., memory used and total).
 */
const TEXT_ROW =
  /^(\d{4}X?-\S+)\s+(?:PCIE|SOC)\s+chip(\d+):\s+(\d+)\s+([0-9a-f]{3,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])\b(.*)$/i;
const TEXT_ROW_ANYWHERE = /^\s*\d{4}X?-\S+\s+(?:PCIE|SOC)\s+chip\d+:\s/im;

export const isBmSmi = (text: string) =>
  (/\bbm-smi\b|SDK Version:.*Driver Version:/i.test(text) && /TPU/i.test(text)) || TEXT_ROW_ANYWHERE.test(text);

/** The interactive table: a card row names the board (`| 0  1684X-SC7  PCIE ...`); the row below carries the bus id. */
const ROW = /^\|\s*(\d+)\s+(\S*\d{4}\S*)\s+(PCIE|SOC)\b/i;

/**
 * bm-smi names a board `<chip>-<board type>` without the `BM` of the chip's name (the driver writes
 * `1684-%s` for BM1684 and `1684X-%s` for BM1684X), so the chip is matched as `BM1684-SC5+`.
 */
const boardName = (printed: string) => (/^\d{4}X?-/i.test(printed) ? `BM${printed}` : printed);

/** `bm-smi` (table or `--text_format`): one device per chip, grouped by card where the output tells. */
export function parseBmSmi(lines: readonly string[]): SeenDevice[] {
  const devices: SeenDevice[] = [];
  let last: SeenDevice | null = null;
  let card = -1;
  for (const line of lines) {
    const text = TEXT_ROW.exec(line);
    if (text) {
      // `chipN` counts the chips of one card from 0, so a 0 starts the next card.
      if (text[2] === '0' || card < 0) card++;
      const memory = /(\d+)MB\s+(\d+)MB\s*$/i.exec(text[5]!);
      devices.push(
        seenDevice('bm-smi', {
          vendor: 'sophgo',
          name: boardName(text[1]!),
          slot: normaliseSlot(text[4]!),
          board: String(card),
          memoryMiB: mib(memory?.[2]),
        }),
      );
      last = null;
      continue;
    }
    const row = ROW.exec(line);
    if (row) {
      last = seenDevice('bm-smi', { vendor: 'sophgo', name: boardName(row[2]!), board: row[1]! });
      devices.push(last);
      continue;
    }
    const bus = last && /([0-9a-f]{3,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])/i.exec(line);
    if (last && bus) {
      last.slot = normaliseSlot(bus[1]!);
      last = null;
    }
  }
  return devices;
}
