import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { bumpRevision, createMetaRepository } from '../../src/db/meta-repository.js';
import { openDatabase, type Db } from '../../src/db/open-database.js';
import { followPrimary, type Follower } from '../../src/replica/follow-primary.js';

/** Specification of how a replica follows the primary's file (issue 14, docs/decisions.md 28). */

const log = pino({ level: 'silent' });
let dir: string;
let primary: Db;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'chipreg-follow-'));
  primary = openDatabase(join(dir, 'primary.db'));
  for (let i = 0; i < 3; i++) bumpRevision(primary);
});
after(() => {
  primary.close();
  rmSync(dir, { recursive: true, force: true });
});

async function follow(localPath: string, served: Db[]): Promise<Follower> {
  return followPrimary({
    primaryPath: join(dir, 'primary.db'),
    localPath,
    primaryUrl: null,
    intervalMs: 60_000,
    log,
    onSnapshot: (db) => served.push(db),
  });
}

describe('following the primary', () => {
  it('serves a complete copy at the primary revision, then each newer one, and reports no lag when caught up', async () => {
    const served: Db[] = [];
    const follower = await follow(join(dir, 'a.db'), served);
    try {
      assert.equal(createMetaRepository(served.at(-1)!).revision(), 3);
      assert.deepEqual(follower.status(), { primary: null, primaryRevision: 3, revision: 3, lagSeconds: 0 });
      bumpRevision(primary);
      await follower.poll();
      assert.equal(served.length, 2);
      assert.equal(createMetaRepository(served.at(-1)!).revision(), 4);
      assert.equal(follower.status().revision, 4);
      await follower.poll();
      assert.equal(served.length, 2, 'no new snapshot without a new revision');
    } finally {
      follower.stop();
    }
  });

  it('never goes back: a local snapshot newer than the primary keeps being served', async () => {
    const local = join(dir, 'b.db');
    await primary.backup(local);
    const copy = openDatabase(local, { migrate: false });
    let ahead = 0;
    for (let i = 0; i < 6; i++) ahead = bumpRevision(copy);
    copy.close();
    const served: Db[] = [];
    const follower = await follow(local, served);
    try {
      assert.equal(served.length, 1);
      assert.equal(follower.status().revision, ahead);
      assert.ok(follower.status().primaryRevision < ahead);
      bumpRevision(primary);
      await follower.poll();
      assert.equal(served.length, 1);
      assert.equal(follower.status().revision, ahead);
    } finally {
      follower.stop();
    }
  });

  it('refuses writes on a snapshot', async () => {
    const served: Db[] = [];
    const follower = await follow(join(dir, 'c.db'), served);
    try {
      assert.throws(() => bumpRevision(served[0]!), /readonly|query_only|attempt to write/i);
    } finally {
      follower.stop();
    }
  });
});
