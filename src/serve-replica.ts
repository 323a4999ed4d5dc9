import type { Logger } from 'pino';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { createDeps } from './deps.js';
import { followPrimary } from './replica/follow-primary.js';
import { createSchemaRegistry } from './schemas/schema-registry.js';
import { listen, type RunningServer } from './listen.js';

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
  const running = await listen(
    (req, res) => handler?.(req, res),
    config,
    () => follower.stop(),
  );
  log.info({ port: running.port, db: config.dbPath, primary: replica.primaryPath }, 'chipreg replica listening');
  return running;
}
