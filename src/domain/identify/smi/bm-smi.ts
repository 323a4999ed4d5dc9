import { mib, normaliseSlot, seenDevice, type SeenDevice } from '../types.js';

/**
 * `bm-smi`, as libsophon's `bm-smi/src/bm_smi_display.cpp` prints it. The table gives each chip two
 * rows, split in two halves by `|`:
 *   `| 0  1684-SC5+  PCIE  <SN> | 0   56C   55C ...`      card, board name and mode (first chip of a card only), then device id and temperatures
 *   `|  3.3A  75W ... |000:01:00.0 Active ... 0MB/ 7086MB |` the bus id and the memory used/total
 * `--text_format` prints one line per chip: `1684-SC5+ PCIE chip0: 0 000:01:00.0 Active ... 0MB 7086MB`
 * (board name, mode, index of the chip on its card, device id, bus id, ..., memory used and total).
 */
const TEXT_ROW =
  /^(\d{4}X?-\S+)\s+(?:PCIE|SOC)\s+chip(\d+):\s+(\d+)\s+([0-9a-f]{3,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])\b(.*)$/i;
const TEXT_ROW_ANYWHERE = /^\s*\d{4}X?-\S+\s+(?:PCIE|SOC)\s+chip\d+:\s/im;
const TABLE_HEADER = /\|\s*(?:Lib|SDK) Version:.*Driver Version:|\|card\s+Name\s+Mode\s+SN\s*\|TPU/i;

const CARD = /^\s*(\d+)\s+(\S+)\s+(?:PCIE|SOC)\b/i;
const CHIP = /^\s*(\d+)\s+(?:\d+C|N\/A|F)(?:\s|$)/i;
const BUS = /^\s*([0-9a-f]{3,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])\b/i;
const MEMORY = /(\d+)MB\s*\/\s*(\d+)MB/i;

export const isBmSmi = (text: string) =>
  TABLE_HEADER.test(text) || TEXT_ROW_ANYWHERE.test(text) || (/\bbm-smi\b/i.test(text) && /TPU/i.test(text));

/**
 * bm-smi names a board `<chip>-<board type>` without the `BM` of the chip's name (the driver and
 * bm-smi write `1684-…` for BM1684 and `1684X-…` for BM1684X), so the chip is matched as `BM1684-SC5+`.
 */
const boardName = (printed: string) => (/^\d{4}X?-/i.test(printed) ? `BM${printed}` : printed);

/** `bm-smi` (table or `--text_format`): one device per chip, grouped by card. */
export function parseBmSmi(lines: readonly string[]): SeenDevice[] {
  const devices: SeenDevice[] = [];
  let last: SeenDevice | null = null;
  let card = -1;
  let cardName: string | null = null;
  for (const line of lines) {
    const text = TEXT_ROW.exec(line);
    if (text) {
      // `chipN` counts the chips of one card from 0, so a 0 starts the next card.
      if (text[2] === '0' || card < 0) card++;
      devices.push(
        seenDevice('bm-smi', {
          vendor: 'sophgo',
          name: boardName(text[1]!),
          slot: normaliseSlot(text[4]!),
          board: String(card),
          memoryMiB: mib(/(\d+)MB\s+(\d+)MB\s*$/i.exec(text[5]!)?.[2]),
        }),
      );
      last = null;
      continue;
    }
    if (line.charCodeAt(0) !== 124 /* | */) continue;
    const [, left = '', right = ''] = line.split('|', 3);
    const chip = CHIP.exec(right);
    if (chip) {
      // The card's own row names it; the rows of its other chips leave the left half blank.
      const named = CARD.exec(left);
      if (named) {
        card = Number(named[1]);
        cardName = boardName(named[2]!);
      } else if (left.trim()) continue;
      last = seenDevice('bm-smi', { vendor: 'sophgo', name: cardName, board: card >= 0 ? String(card) : null });
      devices.push(last);
      continue;
    }
    const bus = last ? BUS.exec(right) : null;
    if (last && bus) {
      last.slot = normaliseSlot(bus[1]!);
      last.memoryMiB = mib(MEMORY.exec(right)?.[2]);
      last = null;
    }
  }
  return devices;
}
