import type { Db } from './open-database.js';

/** The tables whose public ids are `PREFIX-YYYY-NNNNNN`, numbered per year. */
type NumberedTable = 'certifications' | 'submissions';

/**
 * The one allocator of `PREFIX-YYYY-NNNNNN` ids. Ids are zero-padded, so the year's last id is the
 * greatest in its range of the table's unique id index; call it inside the inserting transaction.
 */
export function createSequentialIds(db: Db, table: NumberedTable, prefix: 'CERT' | 'SUB') {
  const lastOfYear = db
    .prepare(`SELECT id FROM ${table} WHERE id >= @from AND id < @to ORDER BY id DESC LIMIT 1`)
    .pluck();
  const last = (year: string): number => {
    const head = `${prefix}-${year}-`;
    const id = lastOfYear.get({ from: head, to: `${prefix}-${year}.` }) as string | undefined;
    return id ? Number(id.slice(head.length)) : 0;
  };
  const format = (year: string, n: number) => `${prefix}-${year}-${String(n).padStart(6, '0')}`;
  const next = (at: string): string => format(at.slice(0, 4), last(at.slice(0, 4)) + 1);
  /** For many ids in one transaction: each year's last number is read once, then counted on in memory. */
  next.batch = () => {
    const counters = new Map<string, number>();
    return (at: string): string => {
      const year = at.slice(0, 4);
      const n = (counters.get(year) ?? last(year)) + 1;
      counters.set(year, n);
      return format(year, n);
    };
  };
  return next;
}
