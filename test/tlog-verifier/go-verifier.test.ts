import assert from 'node:assert/strict';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { keysFor } from '../helpers/keys.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const GOPATH = '/usr/share/gocode';
const source = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'chipreg-goverifier-'));
const binary = join(dir, 'tlog-verifier');

/** Why the Go verifier cannot run here, or null when it can. */
function unavailable(): string | null {
  if (spawnSync('go', ['version']).status !== 0) return 'go is not installed (apt-get install golang-go)';
  if (spawnSync('test', ['-d', `${GOPATH}/src/golang.org/x/mod/sumdb/tlog`]).status !== 0)
    return 'golang.org/x/mod is not installed (apt-get install golang-golang-x-mod-dev)';
  return null;
}
const skip = unavailable();
if (skip) console.log(`# skipping the independent Go verifier: ${skip}`);

const example = () => JSON.parse(readFileSync(new URL('../fixtures/submission-example.json', import.meta.url), 'utf8'));
let app: TestApp;
let vkey: string;

/** Runs the verifier without blocking the event loop: the server under test answers it from this process. */
const verify = (...args: string[]) =>
  new Promise<{ code: number; out: string }>((resolve) => {
    execFile(binary, ['-url', app.url, ...args], { timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, out: stdout + stderr }),
    );
  });

before(async () => {
  if (skip) return;
  // Offline, against Debian's golang-golang-x-mod-dev: GOPATH mode, no module downloads.
  execFileSync('go', ['build', '-o', binary, '.'], {
    cwd: source,
    env: { ...process.env, GO111MODULE: 'off', GOPATH, GOFLAGS: '', GOPROXY: 'off', GOCACHE: join(dir, 'cache') },
    stdio: 'pipe',
  });
  app = await startTestApp({ logOrigin: 'registry.example.org/tlog' });
  vkey = (await app.get('/v1/keys')).body.items[0].noteVerifierKey;
});
after(() => app?.close());

describe(
  'an independent implementation (Go golang.org/x/mod/sumdb/tlog and note) verifies the log',
  { skip: skip ?? false },
  () => {
    it('checks the checkpoint signature, the tree from tiles, a certificate’s inclusion and consistency across writes', async () => {
      const keys = keysFor(app.deps);
      const issue = async () => {
        const sub = await app.request('POST', '/v1/submissions', { body: example(), headers: keys.vendor('sophgo') });
        return (
          await app.request('POST', `/v1/submissions/${sub.body.id}/decision`, {
            body: { decision: 'approve' },
            headers: keys.reviewer(),
          })
        ).body.certification as string;
      };
      const id = await issue();
      writeFileSync(join(dir, 'old-checkpoint'), (await app.get('/tlog/checkpoint')).text);
      writeFileSync(join(dir, 'cert.json'), (await app.get(`/v1/certifications/${id}/certificate`)).text);
      // Writes after the first checkpoint, past a full tile, so the proofs span full and partial tiles.
      for (let i = 0; i < 300; i++)
        await app.request('POST', '/v1/admin/keys', { body: { role: 'reviewer' }, headers: keys.admin() });
      await issue();

      const run = await verify('-vkey', vkey, '-old', join(dir, 'old-checkpoint'), '-cert', join(dir, 'cert.json'));
      assert.equal(run.code, 0, run.out);
      assert.match(run.out, /ok checkpoint signature: registry\.example\.org\/tlog size \d+/);
      assert.match(run.out, /ok tree from tiles/);
      assert.match(run.out, /ok consistency: size \d+ -> \d+/);
      assert.match(run.out, new RegExp(`ok inclusion of ${id}`));
      assert.match(run.out, /ok certificate's own proof/);
    });

    it('fails on a certificate body other than the logged one, and on another key', async () => {
      const cert = JSON.parse(readFileSync(join(dir, 'cert.json'), 'utf8'));
      cert.certificate.level = 'L4';
      writeFileSync(join(dir, 'forged.json'), JSON.stringify(cert));
      const forged = await verify('-vkey', vkey, '-cert', join(dir, 'forged.json'));
      assert.equal(forged.code, 1, forged.out);
      assert.match(forged.out, /FAIL: the logged issuance commits to another certificate body/);
      const otherKey = vkey.replace(
        /\+([0-9a-f]{8})\+/,
        (_m, h: string) => `+${h === '00000000' ? '00000001' : '00000000'}+`,
      );
      assert.equal((await verify('-vkey', otherKey)).code, 1);
    });
  },
);
