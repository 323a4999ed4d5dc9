/** c2sp.org/tlog-tiles: tiles are 2^8 hashes wide. */
export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;

export interface TileAddress {
  /** A Merkle tile level (0–63), or 'entries' for an entry bundle. */
  level: number | 'entries';
  index: number;
  /** 256 for a full tile; 1–255 for a partial one (`.p/<W>`). */
  width: number;
}

/** The spec's index encoding: zero-padded 3-digit path elements, all but the last prefixed with `x` (1234067 → x001/x234/067). */
export function encodeTileIndex(index: number): string {
  const groups: string[] = [];
  let n = index;
  do {
    groups.unshift(String(n % 1000).padStart(3, '0'));
    n = Math.floor(n / 1000);
  } while (n > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

/** `tile/<L>/<N>[.p/<W>]` or `tile/entries/<N>[.p/<W>]`, relative to the log prefix. */
export function tilePath(t: TileAddress): string {
  return `tile/${t.level}/${encodeTileIndex(t.index)}${t.width === TILE_WIDTH ? '' : `.p/${t.width}`}`;
}

/**
 * Parses the part of a tile URL after `tile/`; null unless it is in the spec's one canonical form
 * (no extra leading zeroes, x-prefixes exactly where required, width 1–255 only on partial tiles).
 */
export function parseTilePath(path: string): TileAddress | null {
  const m = /^(entries|0|[1-9]\d?)\/((?:x\d{3}\/)*)(\d{3})(?:\.p\/([1-9]\d{0,2}))?$/.exec(path);
  if (!m) return null;
  const level = m[1] === 'entries' ? 'entries' : Number(m[1]);
  if (level !== 'entries' && level > 63) return null;
  const groups = [
    ...m[2]!
      .split('/')
      .filter(Boolean)
      .map((g) => g.slice(1)),
    m[3]!,
  ];
  // A leading zero group would make a second spelling of the same index.
  if (groups.length > 1 && groups[0] === '000') return null;
  if (groups.length > 5) return null;
  const index = groups.reduce((n, g) => n * 1000 + Number(g), 0);
  const width = m[4] === undefined ? TILE_WIDTH : Number(m[4]);
  if (m[4] !== undefined && width >= TILE_WIDTH) return null;
  return { level, index, width };
}
