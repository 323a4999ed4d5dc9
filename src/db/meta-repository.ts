import type { Db } from './open-database.js';

/**
 * The data revision: a counter every committed write increments in its own transaction.
 * ETags derive from it, so a cached answer is valid exactly until the next write.
 */
export function bumpRevision(db: Db): number {
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
  let known: { revision: number; last: string | null; next: string | null } | null = null;
  return {
    /** The current data revision; 0 for a database nothing was imported into. */
    revision: (): number => (revision.get() as number | undefined) ?? 0,
    /**
     * What public answers depend on: the revision, and the last validity end that has passed
     * (a certification expiring changes answers without any write). The same in every process
     * for the same data and time; costs one query per request until the next expiry is reached.
     */
    freshness(now: string): string {
      const rev = (revision.get() as number | undefined) ?? 0;
      if (!known || known.revision !== rev || (known.next !== null && now >= known.next)) {
        known = {
          revision: rev,
          last: (lastExpiry.get(now) as string | null) ?? null,
          next: (nextExpiry.get(now) as string | null) ?? null,
        };
      }
      return known.last ? `${rev}.${Date.parse(known.last).toString(36)}` : String(rev);
    },
    counts: () => counts.get() as Record<string, number>,
    schemaVersion: () => db.pragma('user_version', { simple: true }) as number,
  };
}

export type MetaRepository = ReturnType<typeof createMetaRepository>;
