import cluster from 'node:cluster';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { importCatalog } from './catalog/import-catalog.js';
import { createMetaRepository } from './db/meta-repository.js';
import { openDatabase } from './db/open-database.js';
import { dataDir } from './package-root.js';
import { createSchemaRegistry } from './schemas/schema-registry.js';
import { loadOrCreateSigningKey } from './signing/signing-key-file.js';
import { startServer } from './server.js';

/**
 * `serve --workers N`: the primary migrates, imports and creates the signing key once, then
 * forks N workers that share the port (node cluster) and each open their own connection to
 * the one WAL database. A worker that dies is replaced. Resolves when the primary is told to stop.
 */
export async function serveCluster(config: Config, workers: number, log: Logger): Promise<void> {
  if (cluster.isWorker) {
    const running = await startServer(config, log);
    process.once('SIGTERM', () => void running.close().then(() => process.exit(0)));
    return new Promise(() => undefined);
  }
  const db = openDatabase(config.dbPath);
  if (createMetaRepository(db).revision() === 0)
    importCatalog(db, createSchemaRegistry(), config.dataDir ?? dataDir(), { actor: 'server:bootstrap' });
  db.close();
  loadOrCreateSigningKey(config.signingKeyPath);
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    log.warn({ pid: worker.process.pid, code, signal }, 'worker died; starting another');
    cluster.fork();
  });
  await new Promise<void>((resolve) => {
    const stop = () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
      const wait = setInterval(() => {
        if (Object.keys(cluster.workers ?? {}).length === 0) {
          clearInterval(wait);
          resolve();
        }
      }, 50);
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
