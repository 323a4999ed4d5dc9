import { existsSync, renameSync, rmSync } from 'node:fs';
import type { Logger } from 'pino';
import { createMetaRepository } from '../db/meta-repository.js';
import { openDatabase, type Db } from '../db/open-database.js';
import type { ReplicaStatus } from './replica-status.js';

export interface FollowOptions {
  /** The primary's database file (same host or a shared file system that honours SQLite locks). */
  primaryPath: string;
  /** The replica's own copy: always the latest complete snapshot, so a restart serves it at once. */
  localPath: string;
  primaryUrl: string | null;
  intervalMs: number;
  log: Logger;
  /** Called with each newer snapshot, already open; the caller starts answering from it. */
  onSnapshot: (db: Db) => void;
  now?: () => number;
}

export interface Follower {
  status(): ReplicaStatus;
  /** Reads the primary's revision and takes a snapshot when it is newer than the one served. */
  poll(): Promise<void>;
  stop(): void;
}

/** Opens a snapshot that is only read: no WAL files next to it, and no write can slip through. */
function openSnapshot(path: string): Db {
  const db = openDatabase(path, { migrate: false });
  db.pragma('journal_mode = DELETE');
  db.pragma('query_only = ON');
  return db;
}

/**
 * File-level following with SQLite's online backup API: poll the primary's data revision; when it is
 * ahead, copy the whole database into `<local>.incoming` (the backup is one consistent snapshot, restarted
 * by SQLite if the primary writes meanwhile), check the copy's own revision, and only if it is newer than
 * the one served, rename it over the local copy and hand it over. Old connections close after a grace
 * period so requests in flight finish on the snapshot they started on.
 */
export async function followPrimary(options: FollowOptions): Promise<Follower> {
  const now = options.now ?? Date.now;
  const incoming = `${options.localPath}.incoming`;
  const primary = openDatabase(options.primaryPath, { readonly: true, migrate: false });
  const primaryMeta = createMetaRepository(primary);
  let served: { db: Db; revision: number } | null = null;
  let primaryRevision = 0;
  let behindSince: number | null = null;
  let busy = false;
  let timer: NodeJS.Timeout | null = null;
  const retiring = new Set<NodeJS.Timeout>();

  const serve = (db: Db) => {
    const previous = served;
    served = { db, revision: createMetaRepository(db).revision() };
    options.onSnapshot(db);
    if (previous) {
      const t = setTimeout(() => {
        retiring.delete(t);
        previous.db.close();
      }, 10_000);
      t.unref();
      retiring.add(t);
    }
  };

  const poll = async () => {
    if (busy) return;
    busy = true;
    try {
      primaryRevision = primaryMeta.revision();
      const current = served?.revision ?? -1;
      if (primaryRevision <= current) {
        behindSince = null;
        return;
      }
      behindSince ??= now();
      rmSync(incoming, { force: true });
      await primary.backup(incoming);
      const copy = openSnapshot(incoming);
      const revision = createMetaRepository(copy).revision();
      // Never serve an older revision than before, whatever the primary did (restored from a backup, say).
      if (revision <= current) {
        copy.close();
        return;
      }
      renameSync(incoming, options.localPath);
      serve(copy);
      options.log.info({ revision, primaryRevision }, 'replica: serving a new snapshot');
      if (revision >= primaryRevision) behindSince = null;
    } catch (error) {
      options.log.warn({ err: error }, 'replica: could not follow the primary; serving the last snapshot');
    } finally {
      busy = false;
    }
  };

  if (existsSync(options.localPath)) serve(openSnapshot(options.localPath));
  await poll();
  if (!served) throw new Error(`could not take a first snapshot of ${options.primaryPath}`);
  timer = setInterval(() => void poll(), options.intervalMs);
  timer.unref();

  return {
    poll,
    status: () => ({
      primary: options.primaryUrl,
      primaryRevision,
      revision: served?.revision ?? 0,
      lagSeconds: behindSince === null ? 0 : Math.round(now() - behindSince) / 1000,
    }),
    stop() {
      if (timer) clearInterval(timer);
      for (const t of retiring) clearTimeout(t);
      served?.db.close();
      primary.close();
    },
  };
}
