import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openDatabase } from '../../src/db/open-database.js';
import { dataDir } from '../../src/package-root.js';
import { cli } from '../helpers/run-cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'chipreg-import-'));
const count = (db: string, table: string) => {
  const handle = openDatabase(db);
  try {
    return handle.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  } finally {
    handle.close();
  }
};

describe('chipreg import', () => {
  it('imports data/ and a second run changes nothing', async () => {
    const db = join(tmp(), 'c.db');
    const first = await cli(['import', dataDir(), '--db', db, '--json']);
    assert.equal(first.code, 0, first.stderr);
    const counts = JSON.parse(first.stdout);
    assert.ok(counts.chips > 0 && counts.vendors > 0 && counts.declarations > 0);
    const revision = openDatabase(db).prepare(`SELECT value FROM meta WHERE key = 'revision'`).pluck().get();
    const second = await cli(['import', dataDir(), '--db', db, '--json']);
    assert.equal(second.code, 0);
    assert.ok(
      Object.values(JSON.parse(second.stdout)).every((n) => n === 0),
      second.stdout,
    );
    assert.equal(openDatabase(db).prepare(`SELECT value FROM meta WHERE key = 'revision'`).pluck().get(), revision);
  });

  it('reports every invalid file with its pointer and writes nothing', async () => {
    const dir = tmp();
    cpSync(dataDir(), join(dir, 'data'), { recursive: true });
    const chip = join(dir, 'data', 'chips', 'huawei-ascend-910b.json');
    const doc = JSON.parse(readFileSync(chip, 'utf8'));
    doc.deviceClass = 'spaceship';
    doc.memoryGiB = -1;
    writeFileSync(chip, JSON.stringify(doc));
    writeFileSync(join(dir, 'data', 'models', 'broken.json'), '{ "id": ');
    const db = join(dir, 'c.db');
    const run = await cli(['import', join(dir, 'data'), '--db', db]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /chips\/huawei-ascend-910b\.json \/deviceClass: must be one of/);
    assert.match(run.stderr, /chips\/huawei-ascend-910b\.json \/memoryGiB/);
    assert.match(run.stderr, /models\/broken\.json \/: is not valid JSON/);
    assert.equal(count(db, 'chips'), 0);
  });

  it('rejects a declaration naming an unknown chip, pointing at the reference', async () => {
    const dir = tmp();
    cpSync(dataDir(), join(dir, 'data'), { recursive: true });
    writeFileSync(
      join(dir, 'data', 'declarations', 'x.json'),
      JSON.stringify({
        id: 'x',
        model: 'chatglm3-6b',
        chip: 'nvidia-h100',
        statement: 'test',
        source: { url: 'https://example.com' },
      }),
    );
    const run = await cli(['import', join(dir, 'data'), '--db', join(dir, 'c.db')]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /declarations\/x\.json \/chip: refers to unknown chips "nvidia-h100"/);
  });

  it('answers a usage error with exit code 2', async () => {
    const run = await cli(['import', '--no-such-flag']);
    assert.equal(run.code, 2);
  });
});
