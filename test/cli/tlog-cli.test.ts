import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { eventHash, type AuditEvent } from '../../src/db/audit-repository.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { dataDir } from '../../src/package-root.js';
import { cli } from '../helpers/run-cli.js';

const example = () => JSON.parse(readFileSync(new URL('../fixtures/submission-example.json', import.meta.url), 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'chipreg-tlog-'));
const db = join(dir, 'c.db');
const file = (name: string) => join(dir, name);
let running: RunningServer;
let url: string;
let witnessKey: string;
let vendor: string;
let reviewer: string;

const start = async () => {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    CHIPREG_DB: db,
    CHIPREG_LOG_ORIGIN: 'registry.example.org/tlog',
    CHIPREG_WITNESS_KEYS: witnessKey,
  });
  running = await startServer(config, pino({ level: 'silent' }));
  url = `http://127.0.0.1:${running.port}`;
};
const post = async (path: string, key: string, body: unknown) => {
  const res = await fetch(url + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return res.status === 204 ? null : ((await res.json()) as Record<string, any>);
};
const issue = async () => {
  const sub = await post('/v1/submissions', vendor, example());
  return (await post(`/v1/submissions/${sub!.id}/decision`, reviewer, { decision: 'approve' }))!
    .certification as string;
};
const monitor = () => cli(['audit', 'monitor', url, '--state', file('monitor.json')]);
const witness = () =>
  cli([
    'witness',
    url,
    '--key',
    file('witness.key'),
    '--name',
    'witness.example.org/w1',
    '--state',
    file('witness.json'),
  ]);

before(async () => {
  assert.equal((await cli(['import', dataDir(), '--db', db])).code, 0);
  vendor = (await cli(['keys', 'create', '--role', 'vendor', '--vendor', 'sophgo', '--db', db])).stdout.trim();
  reviewer = (await cli(['keys', 'create', '--role', 'reviewer', '--db', db])).stdout.trim();
  const printed = await cli([
    'witness',
    '--key',
    file('witness.key'),
    '--name',
    'witness.example.org/w1',
    '--print-key',
  ]);
  assert.equal(printed.code, 0, printed.stderr);
  witnessKey = printed.stdout.trim();
  assert.match(witnessKey, /^witness\.example\.org\/w1\+[0-9a-f]{8}\+/);
  await start();
});
after(() => running.close());

describe('chipreg audit monitor and chipreg witness', () => {
  it('follow the log as it grows: every new checkpoint is consistent and cosigned', async () => {
    const first = await monitor();
    assert.equal(first.code, 0, first.stdout + first.stderr);
    assert.match(first.stdout, /first contact at size \d+, \d+ new entries verified/);
    assert.match(first.stderr, /trusting the log keys/);
    assert.equal((await witness()).code, 0);
    await issue();
    const second = await monitor();
    assert.equal(second.code, 0, second.stdout);
    assert.match(second.stdout, /consistent: size \d+ → \d+/);
    const cosigned = await witness();
    assert.equal(cosigned.code, 0, cosigned.stdout + cosigned.stderr);
    assert.match(cosigned.stdout, /cosigned registry\.example\.org\/tlog at size \d+; the log accepted it/);
    const checkpoint = await (await fetch(`${url}/tlog/checkpoint`)).text();
    assert.match(checkpoint, /\n\u2014 witness\.example\.org\/w1 /);
  });

  it('certificate verify reports a revoked certificate, with how fresh its revocation list is', async () => {
    const id = await issue();
    const cert = await (await fetch(`${url}/v1/certifications/${id}/certificate`)).text();
    writeFileSync(file('cert.json'), cert);
    const active = await cli(['certificate', 'verify', file('cert.json'), '--online', url]);
    assert.equal(active.code, 0, active.stdout + active.stderr);
    assert.match(active.stdout, /^valid/);
    assert.match(active.stdout, /logged: issuance logged at index \d+/);
    assert.match(active.stdout, /status: active until/);
    assert.match(
      active.stdout,
      /revocation data: signed list cut at .* \(\d+ s old\), log registry\.example\.org\/tlog at size \d+/,
    );

    const expired = await cli([
      'certificate',
      'verify',
      file('cert.json'),
      '--online',
      url,
      '--at',
      '2031-01-01T00:00:00Z',
    ]);
    assert.equal(expired.code, 1);
    assert.match(expired.stdout, /status: EXPIRED on/);

    await post(`/v1/certifications/${id}/revoke`, reviewer, { reason: 'benchmark logs did not match' });
    writeFileSync(file('keys.json'), await (await fetch(`${url}/v1/keys`)).text());
    writeFileSync(file('revocations.json'), await (await fetch(`${url}/v1/revocations`)).text());
    const revoked = await cli([
      'certificate',
      'verify',
      file('cert.json'),
      '--keys',
      file('keys.json'),
      '--revocations',
      file('revocations.json'),
    ]);
    assert.equal(revoked.code, 1, revoked.stdout);
    assert.match(revoked.stdout, /status: REVOKED at .*: benchmark logs did not match/);
    assert.match(revoked.stdout, /revocation data: signed list cut at/);

    const superseding = await issue();
    writeFileSync(file('old.json'), await (await fetch(`${url}/v1/certifications/${superseding}/certificate`)).text());
    await issue();
    const superseded = await cli(['certificate', 'verify', file('old.json'), '--online', url, '--json']);
    assert.equal(superseded.code, 1);
    assert.equal(JSON.parse(superseded.stdout).status, 'superseded');

    const list = JSON.parse(readFileSync(file('revocations.json'), 'utf8'));
    list.revocations.items = [];
    writeFileSync(file('emptied.json'), JSON.stringify(list));
    const forged = await cli([
      'certificate',
      'verify',
      file('cert.json'),
      '--keys',
      file('keys.json'),
      '--revocations',
      file('emptied.json'),
    ]);
    assert.equal(forged.code, 1);
    assert.match(forged.stderr, /revocation list signature is invalid/);
  });

  it('a rewritten audit event, chain and all, is caught after a restart by the monitor and the witness', async () => {
    assert.equal((await monitor()).code, 0);
    assert.equal((await witness()).code, 0);
    await running.close();

    // An intruder with the file rewrites event 2 and recomputes the whole hash chain and its head.
    const handle = new Database(db);
    handle.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    handle.prepare(`UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2`).run();
    let prev = '0'.repeat(64);
    const rows = handle
      .prepare('SELECT seq, at, actor, action, entity, payload_hash AS payloadHash FROM audit_log ORDER BY seq')
      .all() as AuditEvent[];
    const set = handle.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?');
    for (const row of rows) {
      const hash = eventHash({ ...row, prevHash: prev });
      set.run(prev, hash, row.seq);
      prev = hash;
    }
    handle.prepare(`UPDATE meta SET value = ? WHERE key = 'audit_head'`).run(`${rows.length}:${prev}`);
    handle.close();
    assert.equal((await cli(['audit', 'verify', '--db', db])).code, 0, 'the chain alone no longer shows it');

    await start();
    const watched = await monitor();
    assert.equal(watched.code, 1, watched.stdout);
    assert.match(watched.stdout, /LOG MISBEHAVING: FORK/);
    const witnessed = await witness();
    assert.equal(witnessed.code, 1, witnessed.stdout);
    assert.match(witnessed.stdout, /REFUSED to cosign: FORK/);
    // And it keeps refusing: its state still holds the last honest checkpoint.
    assert.equal((await witness()).code, 1);
  });
});
