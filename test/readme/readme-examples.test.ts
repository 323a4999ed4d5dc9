import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { packageRoot } from '../../src/package-root.js';
import { startServer, type RunningServer } from '../../src/server.js';

/**
 * The README's "Try it" and "Certify something" sections, run as written by bash and curl against
 * the real server entry point on a fresh database. `npx chipreg` runs the CLI from the sources
 * (the built dist/ may be older than the tree under test); everything else is the README's text.
 */
const root = packageRoot();

/** The shell commands of the ```sh blocks under one `## heading`, continuation lines joined. */
function readmeCommands(readme: string, heading: string): string[] {
  const section = readme.split(/^## /m).find((s) => s.startsWith(`${heading}\n`));
  assert.ok(section, `README has a "## ${heading}" section`);
  const commands: string[] = [];
  for (const block of section.matchAll(/^```sh\n([\s\S]*?)^```/gm)) {
    let current = '';
    for (const line of block[1]!.split('\n')) {
      if (!line.trim() && !current) continue;
      current += (current ? '\n' : '') + line;
      if (!/(\\|\|)\s*$/.test(line)) {
        commands.push(current);
        current = '';
      }
    }
  }
  return commands;
}

interface Ran {
  command: string;
  code: number;
  output: string;
}

/** Runs the commands in one bash session (exports carry over), each one's output and exit code kept apart. */
function runInBash(commands: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ ran: Ran[]; stderr: string }> {
  const tsx = import.meta.resolve('tsx');
  const cliMain = join(root, 'src', 'cli', 'main.ts');
  const script = [
    'set -o pipefail',
    `npx() { if [ "$1" = chipreg ]; then shift; node --import '${tsx}' '${cliMain}' "$@"; else command npx "$@"; fi; }`,
    ...commands.map((c) => `${c}\nprintf '\\n@@readme-exit:%s@@\\n' "$?"`),
  ].join('\n');
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', () => {
      const parts = stdout.split(/\n@@readme-exit:(\d+)@@\n/);
      const ran: Ran[] = commands.map((command, i) => ({
        command,
        output: parts[i * 2] ?? '',
        code: Number(parts[i * 2 + 1] ?? -1),
      }));
      resolve({ ran, stderr });
    });
  });
}

const readme = readFileSync(join(root, 'README.md'), 'utf8');
let server: RunningServer;
let dir: string;
let env: NodeJS.ProcessEnv;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chipreg-readme-'));
  // The README's paths are relative to the package directory; the files it writes land in the temp dir.
  mkdirSync(join(dir, 'test'));
  symlinkSync(join(root, 'test', 'fixtures'), join(dir, 'test', 'fixtures'));
  const db = join(dir, 'chipreg.db');
  server = await startServer(
    loadConfig({ PORT: '0', HOST: '127.0.0.1', CHIPREG_DB: db, LOG_LEVEL: 'silent' }),
    createLogger('silent'),
  );
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(server.port),
    CHIPREG_DB: db,
    LOG_LEVEL: 'warn',
  };
});

after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const byStart = (ran: Ran[], start: string): Ran => {
  const found = ran.find((r) => r.command.startsWith(start));
  assert.ok(found, `a README command starts with ${start}`);
  return found;
};

function assertEachSucceeded(ran: Ran[], stderr: string): void {
  for (const r of ran) {
    assert.equal(r.code, 0, `exit ${r.code}: ${r.command}\n${r.output}\n${stderr}`);
    // A curl whose answer is printed must print something, and never a problem document.
    if (r.command.startsWith('curl') && !/>\s*\S+\s*$/.test(r.command)) {
      assert.ok(r.output.trim().length > 0, `no output: ${r.command}`);
      assert.doesNotMatch(r.output, /chipreg\.dev\/problems\//, r.command);
    }
  }
}

describe('the README, run as written', () => {
  it('"Try it": each example answers on a fresh database', async () => {
    const commands = readmeCommands(readme, 'Try it');
    assert.ok(commands.length >= 6, commands.join('\n'));
    const { ran, stderr } = await runInBash(commands, dir, env);
    assertEachSucceeded(ran, stderr);
    const chips = JSON.parse(byStart(ran, `curl -G "localhost:$PORT/v1/chips"`).output);
    assert.ok(
      chips.items.some((c: { id: string }) => c.id === 'huawei-ascend-910b'),
      'searching 昇腾 finds Ascend 910B',
    );
    assert.equal(
      JSON.parse(byStart(ran, `curl "localhost:$PORT/v1/chips/Ascend910B"`).output).id,
      'huawei-ascend-910b',
    );
    const compatibility = JSON.parse(byStart(ran, `curl "localhost:$PORT/v1/compatibility`).output);
    assert.equal(compatibility.query.chip, 'huawei-ascend-910b');
    assert.ok(compatibility.declarations.length > 0, 'a fresh database answers with sourced declarations');
    const matrix = JSON.parse(byStart(ran, `curl "localhost:$PORT/v1/matrix`).output);
    assert.ok(matrix.cells.length > 0, 'the edge int4 matrix has cells');
    assert.match(byStart(ran, `curl -H 'Accept: text/csv'`).output, /^id,level,/);
    assert.match(byStart(ran, 'printf').output, /huawei-ascend-910b/);
    assert.equal(JSON.parse(byStart(ran, `curl -H 'Content-Type: application/json'`).output).level.achieved, 'L3');
  });

  it('"Certify something": keys, submission, approval, then the CSV shows the L3 row and the certificate verifies', async () => {
    const commands = readmeCommands(readme, 'Certify something');
    const { ran, stderr } = await runInBash(commands, dir, env);
    assertEachSucceeded(ran, stderr);
    const csv = byStart(ran, `curl -H 'Accept: text/csv'`).output;
    assert.match(csv, /^CERT-\d{4}-\d{6},L3,true,active,chatglm3-6b,sophgo-bm1684x,sophgo,/m, csv);
    assert.match(byStart(ran, 'npx chipreg certificate verify').output, /valid/i);
    assert.doesNotMatch(byStart(ran, 'npx chipreg certificate verify').output, /invalid/i);
    assert.match(byStart(ran, 'npx chipreg audit verify').output, /ok|intact|valid/i);
  });
});
