import type { Db } from './open-database.js';

/** What operations ask of the database itself: is it answering, how big is it, what is queued for review. */
export function createHealthRepository(db: Db) {
  const one = db.prepare('SELECT 1').pluck();
  const submissions = db.prepare('SELECT status, count(*) AS n FROM submissions GROUP BY status');
  return {
    /** True when the database answers a query; a closed or unreadable database is false, not an exception. */
    ping(): boolean {
      try {
        return one.get() === 1;
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
