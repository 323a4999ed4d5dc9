import Database from 'better-sqlite3';
import { migrate } from './migrate.js';

export type Db = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
  /** Apply pending migrations (never with `readonly`). */
  migrate?: boolean;
}

/**
 * Opens the registry database with the pragmas every connection needs: WAL so readers
 * never block the writer, foreign keys on, and a busy timeout so concurrent writers from
 * other processes wait instead of failing with SQLITE_BUSY.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  db.pragma('busy_timeout = 10000');
  if (!options.readonly && path !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  // Statement journals (a write whose triggers touch another table needs one) in memory, not temporary files.
  db.pragma('temp_store = MEMORY');
  if (options.migrate ?? !options.readonly) migrate(db);
  return db;
}
