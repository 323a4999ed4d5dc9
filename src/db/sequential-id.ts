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
  return (at: string): string => {
    const year = at.slice(0, 4);
    const head = `${prefix}-${year}-`;
    const last = lastOfYear.get({ from: head, to: `${prefix}-${year}.` }) as string | undefined;
    return `${head}${String((last ? Number(last.slice(head.length)) : 0) + 1).padStart(6, '0')}`;
  };
}
