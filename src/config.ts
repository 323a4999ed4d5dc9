import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const Env = z.object({
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, 'must be a port number')
    .transform(Number)
    .pipe(z.number().int().min(0).max(65535))
    .default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  CHIPREG_DB: z.string().min(1).default('./chipreg.db'),
  CHIPREG_SIGNING_KEY: z.string().min(1).optional(),
  CHIPREG_DATA: z.string().min(1).optional(),
  CHIPREG_LOG_ORIGIN: z
    .string()
    .regex(/^[^\s+]+$/, 'must be a key name: no spaces and no "+"')
    .optional(),
  CHIPREG_WITNESS_KEYS: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  dbPath: string;
  signingKeyPath: string;
  dataDir: string | null;
  logLevel: string;
  /** The origin line of the transparency log's checkpoints. */
  logOrigin: string;
  /** Verifier keys of trusted witnesses (CHIPREG_WITNESS_KEYS, comma-separated). */
  witnessKeys: string[];
}

/** The log origin when none is configured: the host name and the log's path, as c2sp.org/tlog-tiles suggests. */
export const defaultLogOrigin = () => `${hostname() || 'localhost'}/tlog`;

/** Environment → frozen Config; a bad variable throws with every problem named. */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: Partial<Config> = {}): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid environment:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const dbPath = overrides.dbPath ?? e.CHIPREG_DB;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dbPath,
    signingKeyPath: e.CHIPREG_SIGNING_KEY ?? join(dirname(dbPath), 'chipreg-signing.key'),
    dataDir: e.CHIPREG_DATA ?? null,
    logLevel: e.LOG_LEVEL,
    logOrigin: e.CHIPREG_LOG_ORIGIN ?? defaultLogOrigin(),
    witnessKeys: (e.CHIPREG_WITNESS_KEYS ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    ...overrides,
  });
}
