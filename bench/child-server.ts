import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';

export interface ChildServer {
  name: string;
  pid: number;
  origin: string;
  /** Milliseconds from spawn to the first 200 answer to `readyPath`. */
  startupMs: number;
  /** Resident memory of the process and its descendants (cluster workers), in MB (10^6 bytes). */
  rssMB(): number;
  stop(): Promise<void>;
}

/** A free loopback port (the OS picks; the server binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** One GET to 127.0.0.1; resolves with the status (0 when nothing listens yet) and the body. */
export function get(
  origin: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve) => {
    // A fresh connection each time: a kept-alive socket the server closes after its idle timeout (5 s) resets the
    // next request on it, which read as a failed answer after a long one (a full matrix at 1M takes seconds).
    const req = request(`${origin}${path}`, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }),
      );
    });
    req.on('error', () => resolve({ status: 0, body: '', headers: {} }));
    req.end();
  });
}

const descendants = (pid: number): number[] => {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
    return [pid, ...children.flatMap(descendants)];
  } catch {
    return [pid];
  }
};
const rssOf = (pid: number): number => {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? (Number(kb) * 1024) / 1e6 : 0;
  } catch {
    return 0;
  }
};

/**
 * Starts `node <args>` on a free loopback port and waits (at most `timeoutMs`) for its first
 * 200 answer to `readyPath`, polling every 5 ms. Stops by SIGTERM to its own pid, SIGKILL after 10 s.
 */
export async function startChild(
  name: string,
  args: string[],
  env: Record<string, string>,
  readyPath: string,
  timeoutMs = 120_000,
): Promise<ChildServer> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => void (stderr = (stderr + c.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const origin = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`bench: ${name} exited before answering:\n${stderr}`);
    if ((await get(origin, readyPath)).status === 200) break;
    if (Number(process.hrtime.bigint() - started) / 1e6 > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`bench: ${name} gave no answer to ${readyPath} within ${timeoutMs} ms:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const startupMs = Number(process.hrtime.bigint() - started) / 1e6;
  const pid = child.pid!;
  return {
    name,
    pid,
    origin,
    startupMs,
    rssMB: () => descendants(pid).reduce((sum, p) => sum + rssOf(p), 0),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const family = descendants(pid).slice(1);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      // Cluster workers the server forked stop with it; any left behind are stopped by their pid.
      for (const p of family) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    },
  };
}
