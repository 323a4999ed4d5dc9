import { createServer, type RequestListener, type Server } from 'node:http';
import type { Config } from './config.js';
import { answerClientErrors } from './http/client-error.js';

export interface RunningServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/**
 * Listens with `handler` on the configured address, answering requests Node's parser refuses with a problem.
 * Closing stops accepting connections, lets in-flight requests finish, then runs `release`.
 */
export async function listen(handler: RequestListener, config: Config, release: () => void): Promise<RunningServer> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = createServer(handler);
    s.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  answerClientErrors(server);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          release();
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
