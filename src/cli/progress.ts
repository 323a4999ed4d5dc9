import { SingleBar } from 'cli-progress';
import type { CliIO } from './cli-io.js';

/**
 * A progress reporter for phases of work: a bar on a terminal, and one plain line per finished
 * phase otherwise (logs and CI stay readable).
 */
export function createProgress(io: CliIO) {
  const tty = Boolean(io.stderr.isTTY);
  let bar: SingleBar | null = null;
  let phase: string | null = null;
  const finish = () => {
    bar?.stop();
    bar = null;
  };
  return {
    update(name: string, done: number, total: number): void {
      if (name !== phase) {
        finish();
        phase = name;
        if (tty) {
          bar = new SingleBar({
            format: `${name.padEnd(9)} [{bar}] {value}/{total}`,
            stream: io.stderr as NodeJS.WriteStream,
            hideCursor: true,
          });
          bar.start(total, done);
        }
      }
      bar?.update(done);
      if (!tty && done === total) io.stderr.write(`${name}: ${done}/${total}\n`);
    },
    stop: finish,
  };
}
