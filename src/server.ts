import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { createDeps } from './deps.js';
import { openDatabase } from './db/open-database.js';
import { importCatalog } from './catalog/import-catalog.js';
import { createMetaRepository } from './db/meta-repository.js';
import { createSchemaRegistry } from './schemas/schema-registry.js';
import { dataDir } from './package-root.js';
import { loadOrCreateSigningKey } from './signing/signing-key-file.js';

export interface RunningServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

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
  const app = createApp(deps);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info({ port, db: config.dbPath }, 'chipreg listening');
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          db.close();
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
