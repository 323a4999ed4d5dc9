import assert from 'node:assert/strict';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createDeps } from '../../src/deps.js';
import { openDatabase } from '../../src/db/open-database.js';
import { dataDir } from '../../src/package-root.js';
import { loadOrCreateSigningKey } from '../../src/signing/signing-key-file.js';
import { addCertification } from '../helpers/builders.js';
import { cli } from '../helpers/run-cli.js';

/** A database file with the catalog and a few audited writes. */
async function registry(): Promise<{ dir: string; db: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'chipreg-trust-'));
  const db = join(dir, 'c.db');
  assert.equal((await cli(['import', dataDir(), '--db', db])).code, 0);
  for (const role of ['reviewer', 'admin', 'reviewer'])
    assert.equal((await cli(['keys', 'create', '--role', role, '--db', db])).code, 0);
  return { dir, db };
}

/** Edits the file the way an intruder with disk access would: around the append-only triggers. */
function tamper(db: string, sql: string): void {
  const handle = new Database(db);
  handle.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  handle.exec(sql);
  handle.close();
}

describe('chipreg keys', () => {
  it('create prints the new key alone on stdout and stores only its hash', async () => {
    const { db } = await registry();
    const run = await cli(['keys', 'create', '--role', 'vendor', '--vendor', 'Sophgo', '--db', db]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^crk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}\n$/);
    const handle = openDatabase(db);
    const stored = handle.prepare('SELECT hash, vendor_id FROM api_keys WHERE role = ?').get('vendor') as {
      hash: string;
      vendor_id: string;
    };
    assert.equal(stored.vendor_id, 'sophgo');
    assert.ok(!JSON.stringify(handle.prepare('SELECT * FROM api_keys').all()).includes(run.stdout.trim()));
    handle.close();
    assert.equal((await cli(['keys', 'create', '--role', 'vendor', '--db', db])).code, 1);
    assert.equal((await cli(['keys', 'create', '--role', 'emperor', '--db', db])).code, 2);
  });
});

describe('chipreg audit verify', () => {
  it('passes on an untouched log', async () => {
    const { db } = await registry();
    const run = await cli(['audit', 'verify', '--db', db]);
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /intact: 4 events/);
  });

  for (const [what, sql] of [
    ['an edited row', `UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2`],
    ['a deleted row', 'DELETE FROM audit_log WHERE seq = 2'],
    [
      'reordered rows',
      'UPDATE audit_log SET seq = -seq WHERE seq IN (2, 3); UPDATE audit_log SET seq = 3 WHERE seq = -2; UPDATE audit_log SET seq = 2 WHERE seq = -3;',
    ],
    ['a deleted last row', 'DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)'],
  ] as const) {
    it(`detects ${what} and exits non-zero`, async () => {
      const { db } = await registry();
      tamper(db, sql);
      const run = await cli(['audit', 'verify', '--db', db]);
      assert.equal(run.code, 1);
      assert.match(run.stdout, /BROKEN/);
    });
  }

  it('refuses edits through SQL while the triggers stand', async () => {
    const { db } = await registry();
    const handle = openDatabase(db);
    assert.throws(() => handle.exec(`UPDATE audit_log SET actor = 'x'`), /append-only/);
    assert.throws(() => handle.exec('DELETE FROM audit_log'), /append-only/);
    handle.close();
  });
});

describe('chipreg certificate verify', () => {
  it('verifies offline with saved keys and rejects a tampered copy', async () => {
    const { dir, db } = await registry();
    const handle = openDatabase(db);
    const signingKey = loadOrCreateSigningKey(join(dir, 'signing.key'));
    assert.equal(statSync(join(dir, 'signing.key')).mode & 0o777, 0o600);
    const deps = createDeps({ db: handle, signingKey });
    deps.certificates.publishCurrentKey();
    const id = addCertification(deps, { model: 'chatglm3-6b', chip: 'huawei-ascend-910b' });
    const signed = deps.certificates.certificate(id);
    const keys = { items: deps.certificates.publicKeys(), nextCursor: null };
    handle.close();
    writeFileSync(join(dir, 'cert.json'), JSON.stringify(signed));
    writeFileSync(join(dir, 'keys.json'), JSON.stringify(keys));
    const ok = await cli(['certificate', 'verify', join(dir, 'cert.json'), '--keys', join(dir, 'keys.json')]);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /^valid/);
    signed.certificate.devices = 8;
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(signed));
    const bad = await cli(['certificate', 'verify', join(dir, 'bad.json'), '--keys', join(dir, 'keys.json')]);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /INVALID/);
    assert.equal(
      (await cli(['certificate', 'verify', join(dir, 'nope.json'), '--keys', join(dir, 'keys.json')])).code,
      2,
    );
  });

  it('keeps old certificates verifiable after rotate-signing', async () => {
    const { dir, db } = await registry();
    const keyFile = join(dir, 'signing.key');
    const handle = openDatabase(db);
    const deps = createDeps({ db: handle, signingKey: loadOrCreateSigningKey(keyFile) });
    deps.certificates.publishCurrentKey();
    const signed = deps.certificates.certificate(addCertification(deps));
    handle.close();
    const rotate = await cli(['keys', 'rotate-signing', '--db', db, '--signing-key', keyFile]);
    assert.equal(rotate.code, 0, rotate.stderr);
    writeFileSync(join(dir, 'cert.json'), JSON.stringify(signed));
    const run = await cli(['certificate', 'verify', join(dir, 'cert.json'), '--db', db]);
    assert.equal(run.code, 0, run.stdout);
    const after = openDatabase(db);
    const rows = after.prepare('SELECT id, retired_at FROM signing_keys').all() as Array<{ retired_at: string | null }>;
    assert.equal(rows.length, 2);
    assert.equal(rows.filter((r) => r.retired_at === null).length, 1);
    after.close();
  });
});

describe('chipreg backup', () => {
  it('round-trips the database through the online backup API', async () => {
    const { dir, db } = await registry();
    const copy = join(dir, 'backup.db');
    const run = await cli(['backup', copy, '--db', db]);
    assert.equal(run.code, 0, run.stderr);
    const restored = openDatabase(copy);
    const original = openDatabase(db);
    for (const table of ['chips', 'models', 'certifications', 'audit_log', 'api_keys']) {
      assert.equal(
        restored.prepare(`SELECT count(*) FROM ${table}`).pluck().get(),
        original.prepare(`SELECT count(*) FROM ${table}`).pluck().get(),
        table,
      );
    }
    assert.equal(restored.pragma('integrity_check', { simple: true }), 'ok');
    restored.close();
    original.close();
    assert.equal((await cli(['audit', 'verify', '--db', copy])).code, 0);
    assert.equal((await cli(['backup', copy, '--db', db])).code, 1);
  });
});
