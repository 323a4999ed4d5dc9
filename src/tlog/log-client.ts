import { hashFromTiles, parseEntryBundle, tileWidthAt } from './tiles.js';
import { TILE_HEIGHT, TILE_WIDTH, tilePath } from './tile-path.js';
import type { HashReader } from './merkle.js';

/** The log could not be read (network, HTTP status, malformed resource): not evidence of misbehaviour by itself. */
export class LogUnreachableError extends Error {}

const ZERO = Buffer.alloc(32);

/**
 * Reads a c2sp.org/tlog-tiles log over HTTP, caching tiles (which never change once fetched at a
 * given width). Proofs are computed locally from tiles and then verified against signed roots, so a
 * wrong tile can only make verification fail, never pass.
 */
export function createLogClient(prefix: string, fetchImpl: typeof fetch = fetch) {
  const base = prefix.replace(/\/+$/, '');
  const tiles = new Map<string, Buffer>();

  async function get(path: string): Promise<Buffer> {
    let res: Response;
    try {
      res = await fetchImpl(`${base}/${path}`, { headers: { 'accept-encoding': 'gzip, identity' } });
    } catch (error) {
      throw new LogUnreachableError(`cannot reach ${base}/${path}: ${(error as Error).message}`);
    }
    if (!res.ok) throw new LogUnreachableError(`${base}/${path} answered ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  async function tile(level: number | 'entries', index: number, width: number): Promise<Buffer> {
    const path = tilePath({ level, index, width });
    const cached = tiles.get(path);
    if (cached) return cached;
    const data = await get(path);
    if (level !== 'entries' && data.length !== width * 32)
      throw new LogUnreachableError(`${path} holds ${data.length} bytes, not ${width * 32}`);
    tiles.set(path, data);
    return data;
  }

  return {
    checkpoint: async () => (await get('checkpoint')).toString('utf8'),
    /**
     * Runs `compute` over the hashes of the tree of `size` leaves read from tiles: once with
     * placeholder hashes to learn which tiles it needs, then, with those fetched, for real.
     */
    async withHashes<T>(size: number, compute: (read: HashReader) => T): Promise<T> {
      const needed = new Map<string, [number, number]>();
      compute((level, index) => {
        const tl = Math.floor(level / TILE_HEIGHT);
        const ti = Math.floor((index * 2 ** (level - tl * TILE_HEIGHT)) / TILE_WIDTH);
        needed.set(`${tl}/${ti}`, [tl, ti]);
        return ZERO;
      });
      const fetched = new Map<string, Buffer>();
      await Promise.all(
        [...needed.values()].map(async ([tl, ti]) =>
          fetched.set(`${tl}/${ti}`, await tile(tl, ti, tileWidthAt(tl, ti, size))),
        ),
      );
      return compute((level, index) => hashFromTiles(level, index, (tl, ti) => fetched.get(`${tl}/${ti}`)!));
    },
    /** Entries [from, to) of the tree of `size` leaves, from entry bundles. */
    async entries(from: number, to: number, size: number): Promise<Buffer[]> {
      const out: Buffer[] = [];
      for (let ti = Math.floor(from / TILE_WIDTH); ti * TILE_WIDTH < to; ti++) {
        const width = tileWidthAt(0, ti, size);
        const bundle = parseEntryBundle(await tile('entries', ti, width));
        if (!bundle || bundle.length !== width)
          throw new LogUnreachableError(`entry bundle ${ti} is malformed or holds the wrong number of entries`);
        for (let i = 0; i < width; i++) {
          const index = ti * TILE_WIDTH + i;
          if (index >= from && index < to) out.push(bundle[i]!);
        }
      }
      return out;
    },
    /** A JSON document of the registry's API (keys, say). */
    async json(url: string): Promise<unknown> {
      let res: Response;
      try {
        res = await fetchImpl(url);
      } catch (error) {
        throw new LogUnreachableError(`cannot reach ${url}: ${(error as Error).message}`);
      }
      if (!res.ok) throw new LogUnreachableError(`${url} answered ${res.status}`);
      return res.json();
    },
  };
}

export type LogClient = ReturnType<typeof createLogClient>;
