import type { Db } from './open-database.js';
import { migrations } from './migrations.js';

/** Applies pending migrations, each in its own immediate transaction; returns the schema version. */
export function migrate(db: Db): number {
  let version = db.pragma('user_version', { simple: true }) as number;
  if (version > migrations.length) {
    throw new Error(
      `database schema version ${version} is newer than this chipreg (${migrations.length}); upgrade chipreg`,
    );
  }
  while (version < migrations.length) {
    const next = version + 1;
    db.transaction(() => {
      const migration = migrations[version]!;
      if (typeof migration === 'string') db.exec(migration);
      else migration(db);
      db.pragma(`user_version = ${next}`);
    }).immediate();
    version = next;
  }
  return version;
}
