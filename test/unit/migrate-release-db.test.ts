import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/db/open-database.js';
import { migrations } from '../../src/db/migrations.js';
import { createDeps, type Deps } from '../../src/deps.js';
import { schemas } from '../helpers/test-app.js';

/**
 * Specification: a database made by an earlier release upgrades in place. Migrations are
 * append-only, so the round-1 database migrates to the current schema with every record, every
 * certificate signature and the audit chain intact.
 */

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'db');
const expected = JSON.parse(readFileSync(join(fixtures, 'release-0.1.0.expected.json'), 'utf8'));

describe('a database made by chipreg 0.1.0', () => {
  let dir: string;
  let db: Db;
  let deps: Deps;
  let reviewer: ReturnType<Deps['keys']['authenticate']>;
  let evidenceAsWritten: Array<{ id: string; evidence: string }>;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'chipreg-release-db-'));
    copyFileSync(join(fixtures, 'release-0.1.0.db'), join(dir, 'chipreg.db'));
    const old = openDatabase(join(dir, 'chipreg.db'), { migrate: false });
    evidenceAsWritten = old
      .prepare('SELECT id, evidence FROM certifications WHERE evidence IS NOT NULL ORDER BY seq')
      .all() as typeof evidenceAsWritten;
    old.close();
    db = openDatabase(join(dir, 'chipreg.db'));
    deps = createDeps({ db, schemas, now: () => new Date('2026-07-01T00:00:00.000Z') });
    reviewer = deps.keys.authenticate(deps.keys.create({ role: 'reviewer' }, 'test').key);
  });
  after(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('was made at the schema version this test expects, and migrates to the current one', () => {
    assert.equal(expected.userVersion, 2);
    assert.equal(db.pragma('user_version', { simple: true }), migrations.length);
    assert.deepEqual(db.pragma('foreign_key_check'), []);
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  });

  it('keeps every catalog record, declaration and certification', () => {
    const counts = deps.meta.counts() as Record<string, number>;
    for (const [kind, count] of Object.entries(expected.counts as Record<string, number>))
      assert.equal(counts[kind], count, kind);
  });

  it('keeps every submission in its state', () => {
    for (const [id, status] of Object.entries(expected.submissions as Record<string, string>))
      assert.equal(deps.submissions.get(reviewer!, id).status, status, id);
  });

  it('keeps the certifications, the revocation included', () => {
    assert.equal(deps.certifications.get(expected.certifications.active).status, 'active');
    assert.equal(deps.certifications.get(expected.certifications.revoked).status, 'revoked');
  });

  it('reads back every evidence summary exactly as the release stored it inline', () => {
    assert.ok(evidenceAsWritten.length > 0);
    for (const { id, evidence } of evidenceAsWritten)
      assert.equal(JSON.stringify(deps.certifications.get(id).evidence), evidence, id);
  });

  it('still verifies the certificates the release signed', () => {
    for (const [id, signed] of Object.entries(expected.certificates as Record<string, unknown>)) {
      const result = deps.certificates.verify(signed);
      assert.equal(result.valid, true, `${id}: ${result.reason}`);
    }
  });

  it('keeps an intact audit chain', () => {
    const audit = deps.audit.verify() as { valid: boolean; events: number };
    assert.equal(audit.valid, true);
    assert.ok(audit.events >= expected.audit.events, `${audit.events} events`);
  });
});
