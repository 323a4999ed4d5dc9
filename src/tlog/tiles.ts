import { nodeHash, type HashReader } from './merkle.js';
import { TILE_HEIGHT, TILE_WIDTH } from './tile-path.js';

/**
 * How many hashes the tile (level, index) has in a tree of `size` leaves: 256 when full, the
 * partial width otherwise, 0 when the tile does not exist yet.
 */
export function tileWidthAt(level: number, index: number, size: number): number {
  const hashesAtLevel = Math.floor(size / TILE_WIDTH ** level);
  return Math.max(0, Math.min(TILE_WIDTH, hashesAtLevel - index * TILE_WIDTH));
}

/** The tile's bytes: its `width` hashes at tree level 8·level, concatenated (c2sp.org/tlog-tiles). */
export function tileData(level: number, index: number, width: number, read: HashReader): Buffer {
  const treeLevel = level * TILE_HEIGHT;
  const hashes: Buffer[] = [];
  for (let i = 0; i < width; i++) hashes.push(read(treeLevel, index * TILE_WIDTH + i));
  return Buffer.concat(hashes);
}

/** A reader of complete subtree hashes backed by tiles: the hash at any level is rebuilt from the tile holding its subtree. */
export function hashFromTiles(
  level: number,
  index: number,
  tile: (tileLevel: number, tileIndex: number) => Buffer,
): Buffer {
  const tileLevel = Math.floor(level / TILE_HEIGHT);
  const below = level - tileLevel * TILE_HEIGHT;
  // The subtree covers 2^below hashes of the tile level, all inside one tile.
  const first = index * 2 ** below;
  const data = tile(tileLevel, Math.floor(first / TILE_WIDTH));
  const offset = first % TILE_WIDTH;
  if ((offset + 2 ** below) * 32 > data.length) throw new RangeError(`tile ${tileLevel}/${first >> 8} is too short`);
  let row: Buffer[] = [];
  for (let i = 0; i < 2 ** below; i++) row.push(data.subarray((offset + i) * 32, (offset + i + 1) * 32));
  while (row.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < row.length; i += 2) next.push(nodeHash(row[i]!, row[i + 1]!));
    row = next;
  }
  return row[0]!;
}

/** An entry bundle: each entry as a big-endian uint16 length followed by its bytes. */
export function entryBundle(entries: Buffer[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    if (e.length > 0xffff) throw new RangeError('a log entry is longer than 65535 bytes');
    const len = Buffer.alloc(2);
    len.writeUInt16BE(e.length);
    parts.push(len, e);
  }
  return Buffer.concat(parts);
}

/** Splits an entry bundle back into entries; null when it is malformed. */
export function parseEntryBundle(data: Buffer): Buffer[] | null {
  const entries: Buffer[] = [];
  let at = 0;
  while (at < data.length) {
    if (at + 2 > data.length) return null;
    const len = data.readUInt16BE(at);
    if (at + 2 + len > data.length) return null;
    entries.push(data.subarray(at + 2, at + 2 + len));
    at += 2 + len;
  }
  return entries;
}
