import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createDeps } from '../../src/deps.js';
import { openDatabase } from '../../src/db/open-database.js';
import { dataDir } from '../../src/package-root.js';
import { createSigningKeyFile } from '../../src/signing/signing-key-file.js';
import { addCertification } from '../helpers/builders.js';
import { cli } from '../helpers/run-cli.js';

/** Specification of the CLI holes the attack run found (issue 15). */

const dir = mkdtempSync(join(tmpdir(), 'chipreg-attack-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('a mistyped --db', () => {
  it('keys create refuses it instead of creating an empty database and printing a useless key', async () => {
    const typo = join(dir, 'chipreg-typo.db');
    const res = await cli(['keys', 'create', '--role', 'reviewer', '--db', typo]);
    assert.equal(res.code, 1);
    assert.equal(res.stdout, '');
    assert.match(res.stderr, /no database at .*chipreg-typo\.db/);
    assert.equal(existsSync(typo), false);
  });

  it('keys create makes one only when asked to', async () => {
    const fresh = join(dir, 'fresh.db');
    const res = await cli(['keys', 'create', '--role', 'admin', '--db', fresh, '--create-db']);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^crk_/);
  });

  for (const args of [['export'], ['audit', 'verify'], ['keys', 'list'], ['validate', 'x.json']]) {
    it(`${args.join(' ')} refuses it too`, async () => {
      const res = await cli([...args, '--db', join(dir, 'missing.db')]);
      assert.equal(res.code, 1, res.stderr);
      assert.match(res.stderr, /no database at/);
      assert.equal(existsSync(join(dir, 'missing.db')), false);
    });
  }
});

describe('chipreg validate on what is not a document', () => {
  it('refuses /dev/zero at once instead of reading forever', async () => {
    const res = await cli(['validate', '/dev/zero']);
    assert.equal(res.code, 1);
    assert.match(res.stdout, /\/dev\/zero: invalid\n\s+\/: is not a regular file/);
  });

  it('refuses a directory and a file over the 1 MiB document limit', async () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, `{"pad":"${'x'.repeat(1024 * 1024)}"}`);
    const res = await cli(['validate', dir, big]);
    assert.equal(res.code, 1);
    assert.match(res.stdout, /is not a regular file/);
    assert.match(res.stdout, /over the 1048576-byte limit/);
  });
});

describe('withdrawing a signing key', () => {
  it('makes the certificates it signed stop verifying, offline and online, and refuses the key that signs now', async () => {
    const db = join(dir, 'keys.db');
    assert.equal((await cli(['import', dataDir(), '--db', db])).code, 0);
    const oldKey = createSigningKeyFile(join(dir, 'old.key'));
    const handle = openDatabase(db);
    const deps = createDeps({ db: handle, signingKey: oldKey });
    deps.certificates.publishCurrentKey();
    const signed = deps.certificates.certificate(addCertification(deps));
    handle.close();
    writeFileSync(join(dir, 'cert.json'), JSON.stringify(signed));

    const current = await cli(['keys', 'withdraw-signing', oldKey.id, '--reason', 'leaked', '--db', db]);
    assert.equal(current.code, 1);
    assert.match(current.stderr, /signs now: rotate/);

    const rotated = await cli(['keys', 'rotate-signing', '--db', db, '--signing-key', join(dir, 'new.key')]);
    assert.equal(rotated.code, 0, rotated.stderr);
    assert.equal((await cli(['certificate', 'verify', join(dir, 'cert.json'), '--db', db])).code, 0);

    const withdrawn = await cli(['keys', 'withdraw-signing', oldKey.id, '--reason', 'leaked', '--db', db]);
    assert.equal(withdrawn.code, 0, withdrawn.stderr);
    const verify = await cli(['certificate', 'verify', join(dir, 'cert.json'), '--db', db]);
    assert.equal(verify.code, 1);
    assert.match(verify.stdout, new RegExp(`INVALID: signing key "${oldKey.id}" was withdrawn on .* \\(leaked\\)`));
  });
});
