import type { Db } from './open-database.js';
import type { DatabaseFailure } from './database-failure.js';

/**
 * After a failure, how long readiness stays down for a full disk or an I/O error (they may clear by
 * themselves) and how long an integrity check's verdict is reused for a corrupt file.
 */
export const RECHECK_MS = 30_000;

/**
 * What operations ask of the database itself: is it answering, how big is it, what is queued for
 * review. Readiness reads every table, which a closed or unreadable file fails; a corrupt page deeper
 * in a table is only found by an integrity check, which is too slow for every probe, so it runs after
 * a request has seen the database fail, and its verdict is reused for half a minute.
 */
export function createHealthRepository(db: Db, now: () => number = Date.now) {
  const tables = db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck();
  const submissions = db.prepare('SELECT status, count(*) AS n FROM submissions GROUP BY status');
  let failureSeen: { kind: DatabaseFailure; at: number } | null = null;
  let lastCheck: { at: number; ok: boolean } | null = null;

  const everyTableReads = () => {
    for (const name of tables.all() as string[])
      db.prepare(`SELECT 1 FROM "${name.replace(/"/g, '""')}" LIMIT 1`).get();
  };
  const intact = () => {
    if (!lastCheck || now() - lastCheck.at > RECHECK_MS)
      lastCheck = { at: now(), ok: db.pragma('quick_check', { simple: true }) === 'ok' };
    return lastCheck.ok;
  };

  return {
    /** A request met a database failure: the next readiness probes look deeper. */
    noteFailure(kind: DatabaseFailure) {
      failureSeen = { kind, at: now() };
      lastCheck = null;
    },
    /** True when every table reads and no failure was seen lately (a corrupt file: until an integrity check passes). */
    ping(): boolean {
      try {
        everyTableReads();
        if (!failureSeen) return true;
        if (failureSeen.kind === 'corrupt') return intact();
        if (now() - failureSeen.at < RECHECK_MS) return false;
        failureSeen = null;
        return true;
      } catch {
        return false;
      }
    },
    submissionCounts: () => submissions.all() as Array<{ status: string; n: number }>,
    /** Pages × page size: the file's logical size. */
    databaseBytes: () =>
      (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number),
  };
}

export type HealthRepository = ReturnType<typeof createHealthRepository>;
