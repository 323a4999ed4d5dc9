import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createDeps } from '../../src/deps.js';
import { openDatabase } from '../../src/db/open-database.js';
import { dataDir } from '../../src/package-root.js';
import { addCertification } from '../helpers/builders.js';
import { cli } from '../helpers/run-cli.js';
import { schemas } from '../helpers/test-app.js';

const fixture = new URL('../fixtures/submission-example.json', import.meta.url).pathname;

describe('chipreg validate', () => {
  it('exits 0 for a valid document and prints the level and what the next one needs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipreg-val-'));
    const run = await cli(['validate', fixture]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /valid, earns L3 \(claimed L3\)/);
    assert.match(run.stdout, /L4 needs:/);
    // Each missing check is printed once: under the level that needs it, not also as a failure.
    for (const id of ['l4.reproduction', 'l4.soak.hours'])
      assert.equal(run.stdout.split(`${id}:`).length - 1, 1, `${id} printed once:\n${run.stdout}`);
  });

  it('prints the same report as POST /v1/validate with --json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipreg-val-'));
    const run = await cli(['validate', fixture, '--json']);
    const report = JSON.parse(run.stdout);
    assert.deepEqual(
      schemas.validate('responses/validation-report.v1.schema.json', {
        valid: report.valid,
        errors: report.errors,
        level: report.level,
      }),
      [],
    );
    assert.equal(report.level.achieved, 'L3');
  });

  it('exits 1 when any document is invalid, naming file and pointer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipreg-val-'));
    const doc = JSON.parse(readFileSync(fixture, 'utf8'));
    doc.deployment.chip = 'no-such-chip';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(doc));
    writeFileSync(join(dir, 'broken.json'), '{');
    const run = await cli(['validate', fixture, join(dir, 'bad.json'), join(dir, 'broken.json')]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /bad\.json: invalid\n {2}\/deployment\/chip: No chip is known as "no-such-chip"/);
    assert.match(run.stdout, /broken\.json: invalid\n {2}\/: not valid JSON/);
  });

  it('exits 2 without a file', async () => {
    assert.equal((await cli(['validate'])).code, 2);
  });
});

describe('chipreg export', () => {
  it('writes every certification as JSON or flattened CSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipreg-exp-'));
    const db = join(dir, 'c.db');
    assert.equal((await cli(['import', dataDir(), '--db', db])).code, 0);
    const handle = openDatabase(db);
    addCertification(createDeps({ db: handle }));
    handle.close();
    const json = await cli(['export', '--db', db]);
    assert.equal(json.code, 0, json.stderr);
    const items = JSON.parse(json.stdout).items as Array<{ level: string }>;
    assert.ok(items.length > 90 && items.some((c) => c.level === 'L3'));
    const out = join(dir, 'all.csv');
    const csv = await cli(['export', '--format', 'csv', '--out', out, '--db', db]);
    assert.equal(csv.code, 0);
    const lines = readFileSync(out, 'utf8').trim().split('\r\n');
    assert.equal(lines.length, items.length + 1);
    assert.match(lines[0]!, /^id,level,verified,status,model,chip,vendor,system,devices,precisions,form,stack/);
    assert.equal((await cli(['export', '--format', 'xml', '--db', db])).code, 2);
  });
});
