import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Summary } from './measure.js';
import type { Verdict } from './targets.js';

export function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** The commit measured, and whether src/ differs from it. */
export function sourceRevision(root: string): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', 'src'], { cwd: root }).toString().trim();
    return dirty ? `${head} (src/ has uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}

const pad = (s: string | number, n: number) => String(s).padStart(n);
const ms = (n: number) => n.toFixed(n < 10 ? 2 : 1);

/** One line per segment: medians, and the ratios to baseline A and B (throughput) and to A's p99. */
export function segmentTable(rows: Array<[string, Summary, Summary | null]>, a: Summary, b: Summary): string[] {
  const lines = [
    `${'segment'.padEnd(30)}${pad('req/s', 9)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('bytes', 8)}${pad('×A rps', 8)}${pad('×B rps', 8)}${pad('×A p99', 8)}${pad('×own', 7)}${pad('RSS MB', 8)}${pad('bad', 5)}`,
  ];
  for (const [name, s, own] of rows) {
    lines.push(
      `${name.padEnd(30)}${pad(s.rps, 9)}${pad(ms(s.p50), 9)}${pad(ms(s.p99), 9)}${pad(s.bytesPerAnswer, 8)}${pad((s.rps / a.rps).toFixed(2), 8)}` +
        `${pad((s.rps / b.rps).toFixed(2), 8)}${pad((s.p99 / a.p99).toFixed(2), 8)}${pad(own ? (s.rps / own.rps).toFixed(2) : '', 7)}${pad(s.rssMB ?? '', 8)}${pad(s.unexpected, 5)}`,
    );
  }
  return lines;
}

export function targetTable(verdicts: Verdict[]): string[] {
  return verdicts.map((v) => `${v.status.padEnd(13)} ${v.target.padEnd(72)} ${v.measured}`);
}

/** bench/results/<timestamp>.json (git-ignored). */
export function writeResults(root: string, results: object): string {
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  return file;
}
