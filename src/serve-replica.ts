import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { createDeps } from './deps.js';
import { followPrimary } from './replica/follow-primary.js';
import { createSchemaRegistry } from './schemas/schema-registry.js';
import type { RunningServer } from './server.js';

export interface ReplicaOptions {
  primaryPath: string;
  primaryUrl: string | null;
  intervalMs: number;
}

/**
 * `serve --follow <primary db>`: a read replica. Its database (`config.dbPath`) is a snapshot of the
 * primary's, replaced whole when the primary's data revision moves; each snapshot gets its own app,
 * and the listening server switches to it in one assignment, so a request sees one snapshot only.
 */
export async function startReplica(config: Config, replica: ReplicaOptions, log: Logger): Promise<RunningServer> {
  const schemas = createSchemaRegistry();
  let handler: ReturnType<typeof createApp> | null = null;
  const follower = await followPrimary({
    primaryPath: replica.primaryPath,
    localPath: config.dbPath,
    primaryUrl: replica.primaryUrl,
    intervalMs: replica.intervalMs,
    log,
    onSnapshot: (db) => {
      handler = createApp(createDeps({ db, log, schemas, replica: () => follower.status() }));
    },
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = createServer((req, res) => handler?.(req, res));
    s.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info({ port, db: config.dbPath, primary: replica.primaryPath }, 'chipreg replica listening');
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          follower.stop();
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
