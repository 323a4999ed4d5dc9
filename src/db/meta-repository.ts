import type { Db } from './open-database.js';

/**
 * Revision bumps made through each connection. `PRAGMA data_version` changes only when another connection
 * commits, so the freshness token below also watches this counter to see the writes of its own connection.
 */
const localBumps = new WeakMap<Db, number>();

/**
 * The data revision: a counter every committed write increments in its own transaction.
 * ETags derive from it, so a cached answer is valid exactly until the next write.
 */
export function bumpRevision(db: Db): number {
  localBumps.set(db, (localBumps.get(db) ?? 0) + 1);
  return db
    .prepare(
      `INSERT INTO meta (key, value) VALUES ('revision', '1')
    ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1 RETURNING CAST(value AS INTEGER) AS v`,
    )
    .pluck()
    .get() as number;
}

export function createMetaRepository(db: Db) {
  const revision = db.prepare(`SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'revision'`).pluck();
  const counts = db.prepare(`SELECT
      (SELECT count(*) FROM vendors) AS vendors, (SELECT count(*) FROM chips) AS chips,
      (SELECT count(*) FROM systems) AS systems, (SELECT count(*) FROM models) AS models,
      (SELECT count(*) FROM software) AS software,
      (SELECT count(*) FROM certifications WHERE level > 0) AS certifications,
      (SELECT count(*) FROM certifications WHERE level = 0) AS declarations`);
  const lastExpiry = db.prepare('SELECT max(valid_until) FROM certifications WHERE valid_until <= ?').pluck();
  const nextExpiry = db.prepare('SELECT min(valid_until) FROM certifications WHERE valid_until > ?').pluck();
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  let known: { dataVersion: number; bumps: number; nextMs: number; token: string } | null = null;
  // One pragma per turn of the event loop: the requests read from the sockets in one turn arrived together,
  // and a statement costs as much as the rest of a cached answer. This connection's own writes are seen at
  // once all the same (the bump counter).
  let version: number | null = null;
  const forget = () => {
    version = null;
  };
  const currentVersion = (): number => {
    if (version === null) {
      version = dataVersion.get() as number;
      setImmediate(forget);
    }
    return version;
  };
  /**
   * What public answers depend on: the revision, and the last validity end that has passed (a certification
   * expiring changes answers without any write). The same in every process for the same data and time.
   * Kept in memory: re-read only when a commit happened (on this connection, or on another one, which
   * `PRAGMA data_version` reveals: a CLI import or another process writing the same file) or when the next
   * validity end is reached, so a request costs at most one pragma, not a query.
   */
  const token = (nowMs: number): string => {
    const version = currentVersion();
    const bumps = localBumps.get(db) ?? 0;
    if (known && known.dataVersion === version && known.bumps === bumps && nowMs < known.nextMs) return known.token;
    const now = new Date(nowMs).toISOString();
    const rev = (revision.get() as number | undefined) ?? 0;
    const last = (lastExpiry.get(now) as string | null) ?? null;
    const next = (nextExpiry.get(now) as string | null) ?? null;
    // An unparsable end (NaN) never compares as reached ahead of time: the token is then re-read every time.
    const nextMs = next === null ? Infinity : Date.parse(next);
    known = {
      dataVersion: version,
      bumps,
      nextMs: Number.isNaN(nextMs) ? -Infinity : nextMs,
      token: last ? `${rev}.${Date.parse(last).toString(36)}` : String(rev),
    };
    return known.token;
  };
  return {
    /** The current data revision; 0 for a database nothing was imported into. */
    revision: (): number => (revision.get() as number | undefined) ?? 0,
    /** Changes whenever a commit may have changed the data (this connection's revision bumps, other connections' commits). */
    changeStamp: (): string => `${currentVersion()}.${localBumps.get(db) ?? 0}`,
    /** The freshness token at an instant (milliseconds since the epoch); see `token`. */
    token,
    /** The freshness token at an ISO instant. */
    freshness: (now: string): string => token(Date.parse(now)),
    counts: () => counts.get() as Record<string, number>,
    schemaVersion: () => db.pragma('user_version', { simple: true }) as number,
  };
}

export type MetaRepository = ReturnType<typeof createMetaRepository>;
