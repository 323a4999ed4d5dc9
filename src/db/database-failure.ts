/** How the database failed, when an error is SQLite's own rather than a bug in a query. */
export type DatabaseFailure = 'corrupt' | 'full' | 'unavailable';

/**
 * Classifies better-sqlite3's errors by their SQLite result code: a damaged file, a full disk, an
 * I/O error or a lock held past the busy timeout. None of them is the caller's fault, and all but
 * a corrupt file may clear by themselves, so they are reported as an outage, not an internal error.
 */
export function databaseFailure(error: unknown): DatabaseFailure | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  if (code === 'SQLITE_FULL') return 'full';
  if (/^SQLITE_(IOERR|CANTOPEN|BUSY|LOCKED|READONLY|PROTOCOL)/.test(code)) return 'unavailable';
  return null;
}
