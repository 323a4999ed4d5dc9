import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { createLogger } from '../../logger.js';
import { startServer } from '../../server.js';
import { serveCluster } from '../../serve-cluster.js';
import { startReplica } from '../../serve-replica.js';
import { CliExit, type CliIO } from '../cli-io.js';
import { dbOption } from '../db-option.js';

export function registerServe(program: Command, io: CliIO): void {
  dbOption(program.command('serve'))
    .description('serve the HTTP API (imports data/ into an empty database first)')
    .option('--port <port>', 'port to listen on (default: $PORT or 8080)')
    .option('--workers <n>', 'worker processes sharing the port and the database (default 1)', '1')
    .option('--follow <primary-db>', "be a read replica of the primary's database file (--db is the local copy)")
    .option('--primary-url <url>', 'where writes go, named in the problem a replica answers writes with')
    .option('--poll-ms <ms>', 'how often a replica reads the primary revision', '200')
    .action(
      async (options: {
        db?: string;
        port?: string;
        workers: string;
        follow?: string;
        primaryUrl?: string;
        pollMs: string;
      }) => {
        const workers = Number(options.workers);
        if (!Number.isInteger(workers) || workers < 1 || workers > 64)
          throw new CliExit(2, '--workers must be an integer from 1 to 64');
        const env = {
          ...io.env,
          ...(options.port ? { PORT: options.port } : {}),
          ...(options.db ? { CHIPREG_DB: options.db } : {}),
        };
        let config;
        try {
          config = loadConfig(env);
        } catch (error) {
          throw new CliExit(2, (error as Error).message);
        }
        const pollMs = Number(options.pollMs);
        if (!Number.isInteger(pollMs) || pollMs < 10 || pollMs > 60_000)
          throw new CliExit(2, '--poll-ms must be an integer from 10 to 60000');
        if (options.follow && workers > 1) throw new CliExit(2, '--follow serves from one process; omit --workers');
        if (workers > 1) return serveCluster(config, workers, createLogger(config.logLevel));
        const log = createLogger(config.logLevel);
        const running = options.follow
          ? await startReplica(
              config,
              { primaryPath: options.follow, primaryUrl: options.primaryUrl ?? null, intervalMs: pollMs },
              log,
            )
          : await startServer(config, log);
        await new Promise<void>((resolve) => {
          const stop = () => void running.close().then(resolve);
          process.once('SIGTERM', stop);
          process.once('SIGINT', stop);
        });
      },
    );
}
