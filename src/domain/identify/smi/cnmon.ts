import { PIPE, normaliseSlot, seenDevice, type SeenDevice } from '../types.js';

export const isCnmon = (text: string) => /CNMON\s+v?\d|\|\s*Card\s+VF\s+Name/i.test(text);

const CARD_ROW = /^\|\s*(\d+)\s+(\/|\d+)\s+(\S+)\s+(v[\d.]+)?\s*\|\s*([^|]*)\|/;

/** `cnmon`: a card row (`| 0  /  MLU370-X8  v1.1.6 | 0000:39:00.0 |`) then a row with `used MiB/ total MiB`. */
export function parseCnmon(lines: readonly string[]): SeenDevice[] {
  const devices: SeenDevice[] = [];
  let last: SeenDevice | null = null;
  for (const line of lines) {
    if (line.charCodeAt(0) !== PIPE) continue;
    const card = CARD_ROW.exec(line);
    if (card && /^MLU/i.test(card[3]!)) {
      const bus = /([0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])/i.exec(card[5]!);
      last = seenDevice('cnmon', {
        vendor: 'cambricon',
        vendorId: 'cabc',
        name: card[3]!,
        slot: bus ? normaliseSlot(bus[1]!) : null,
        virtualFunction: card[2] !== '/',
      });
      devices.push(last);
      continue;
    }
    const memory = last && /(\d+)\s*MiB\s*\/\s*(\d+)\s*MiB/i.exec(line);
    if (last && memory) {
      last.memoryMiB = Number(memory[2]);
      last = null;
    }
  }
  return devices;
}
