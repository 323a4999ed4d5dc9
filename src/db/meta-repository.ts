import type { Db } from './open-database.js';

/**
 * The data revision: a counter every committed write increments in its own transaction.
 * ETags derive from it, so a cached answer is valid exactly until the next write.
 */
export function bumpRevision(db: Db): number {
  return db.prepare(`INSERT INTO meta (key, value) VALUES ('revision', '1')
    ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1 RETURNING CAST(value AS INTEGER) AS v`).pluck().get() as number;
}

export function createMetaRepository(db: Db) {
  const revision = db.prepare(`SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'revision'`).pluck();
  const counts = db.prepare(`SELECT
      (SELECT count(*) FROM vendors) AS vendors, (SELECT count(*) FROM chips) AS chips,
      (SELECT count(*) FROM systems) AS systems, (SELECT count(*) FROM models) AS models,
      (SELECT count(*) FROM software) AS software,
      (SELECT count(*) FROM certifications WHERE level > 0) AS certifications,
      (SELECT count(*) FROM certifications WHERE level = 0) AS declarations`);
  return {
    /** The current data revision; 0 for a database nothing was imported into. */
    revision: (): number => (revision.get() as number | undefined) ?? 0,
    counts: () => counts.get() as Record<string, number>,
    schemaVersion: () => db.pragma('user_version', { simple: true }) as number,
  };
}

export type MetaRepository = ReturnType<typeof createMetaRepository>;
