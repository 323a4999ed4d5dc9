import { pino, type Logger } from 'pino';

/** One structured logger: JSON lines on stdout (or stderr for the CLI, whose stdout is data). */
export function createLogger(level: string, destination: 1 | 2 = 1): Logger {
  return pino({ level, base: { service: 'chipreg' } }, pino.destination({ fd: destination, sync: false }));
}
