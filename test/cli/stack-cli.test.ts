import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { createDeps } from '../../src/deps.js';
import { openDatabase } from '../../src/db/open-database.js';
import { addCertification } from '../helpers/builders.js';
import { cli } from '../helpers/run-cli.js';

let db: string;
let certification: string;
before(async () => {
  db = join(mkdtempSync(join(tmpdir(), 'chipreg-stack-')), 'registry.db');
  assert.equal((await cli(['import', '--db', db])).code, 0);
  const conn = openDatabase(db);
  certification = addCertification(createDeps({ db: conn }), {
    model: 'glm-4-9b',
    level: 2,
    stack: [
      { kind: 'sdk', name: 'CANN', version: '8.2.RC1', channel: 'rc' },
      { kind: 'plugin', name: 'torch_npu', version: '2.5.1.post1', channel: 'ga' },
      { kind: 'plugin', name: 'vllm-ascend', version: 'v0.9.1', channel: 'ga' },
    ],
  });
  conn.close();
});

describe('chipreg stack check', () => {
  it('answers known-good offline, with the source of the covering combination', async () => {
    const run = await cli(['stack', 'check', '--chip', '910B', '--stack', 'CANN@8.1.RC1,torch_npu@2.5.1', '--db', db]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^known-good: CANN@8\.1\.RC1, torch_npu@2\.5\.1 on huawei-ascend-910b/);
    assert.match(run.stdout, /huawei\.torch-npu-2\.5\.1\.cann-8\.1\.rc1/);
  });

  it('exits 1 on a known-bad combination and names the conflicting component', async () => {
    const run = await cli([
      'stack',
      'check',
      '--chip',
      '910B',
      '--stack',
      'CANN@9.0.0,torch_npu@2.9.0.post1',
      '--db',
      db,
    ]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^known-bad/);
    assert.match(
      run.stdout,
      /conflict: torch_npu 2\.9\.0\.post1 is known not to work with CANN 9\.0\.0; the source says to use 2\.9\.0\.post2/,
    );
  });

  it('exits 2 with a suggestion for a misspelt component', async () => {
    const run = await cli(['stack', 'check', '--chip', 'BM1684X', '--stack', 'libsopohn@0.5.0', '--db', db]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /did you mean: .*libsophon/);
  });
});

describe('chipreg stack upgrade', () => {
  it('prints the steps from an old CANN to the certified stack, each with its source', async () => {
    const run = await cli([
      'stack',
      'upgrade',
      '--chip',
      '910B',
      '--model',
      'GLM-4-9B',
      '--from',
      'CANN@7.0.0,torch_npu@2.1.0',
      '--db',
      db,
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`3 change\\(s\\) to the stack of certification ${certification} \\(L2\\)`));
    assert.match(run.stdout, /upgrade CANN 7\.0\.0 -> 8\.2\.RC1 {3}\(certification /);
    assert.match(run.stdout, /add vllm-ascend -> v0\.9\.1/);
    const json = JSON.parse(
      (
        await cli([
          'stack',
          'upgrade',
          '--chip',
          '910B',
          '--model',
          'glm-4-9b',
          '--from',
          'CANN@7.0.0',
          '--json',
          '--db',
          db,
        ])
      ).stdout,
    );
    assert.equal(json.target.claim.id, certification);
  });

  it('exits 1 when no claim at the asked level records a stack, and 2 on a bad level', async () => {
    const none = await cli([
      'stack',
      'upgrade',
      '--chip',
      '910B',
      '--model',
      'glm-4-9b',
      '--from',
      'CANN@7.0.0',
      '--min-level',
      'L4',
      '--db',
      db,
    ]);
    assert.equal(none.code, 1);
    assert.match(none.stdout, /no certification at L4 or above/);
    const bad = await cli([
      'stack',
      'upgrade',
      '--chip',
      '910B',
      '--model',
      'glm-4-9b',
      '--from',
      'CANN@7.0.0',
      '--min-level',
      'L9',
      '--db',
      db,
    ]);
    assert.equal(bad.code, 2);
  });
});
