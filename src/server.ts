import type { Logger } from 'pino';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { createDeps } from './deps.js';
import { listen, type RunningServer } from './listen.js';
import { openDatabase } from './db/open-database.js';
import { importCatalog } from './catalog/import-catalog.js';
import { createMetaRepository } from './db/meta-repository.js';
import { createSchemaRegistry } from './schemas/schema-registry.js';
import { dataDir } from './package-root.js';
import { loadOrCreateSigningKey } from './signing/signing-key-file.js';

export type { RunningServer };

/**
 * Opens (and migrates) the database, imports data/ into an empty one, and listens.
 * Closing stops accepting connections, lets in-flight requests finish, then closes the database.
 */
export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const db = openDatabase(config.dbPath);
  const schemas = createSchemaRegistry();
  if (createMetaRepository(db).revision() === 0) {
    const counts = importCatalog(db, schemas, config.dataDir ?? dataDir(), { actor: 'server:bootstrap' });
    log.info({ counts }, 'empty database: imported the catalog');
  }
  const deps = createDeps({
    db,
    log,
    schemas,
    signingKey: loadOrCreateSigningKey(config.signingKeyPath),
    logOrigin: config.logOrigin,
    witnessKeys: config.witnessKeys,
  });
  deps.certificates.publishCurrentKey();
  // Build the log's tree from the audit log now, not on the first request that needs it. A broken audit
  // log (a missing event) leaves the registry up and its log answering 503, as `audit verify` explains.
  try {
    deps.tlog.sync();
  } catch (error) {
    log.error({ err: error }, 'the transparency log cannot be built from the audit log');
  }
  const running = await listen(createApp(deps), config, () => db.close());
  log.info({ port: running.port, db: config.dbPath }, 'chipreg listening');
  return running;
}
