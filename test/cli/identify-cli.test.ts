import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli } from '../helpers/run-cli.js';

describe('chipreg identify', () => {
  it('reads lspci -nn output from a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipreg-id-'));
    const lines = Array.from(
      { length: 8 },
      (_, i) =>
        `0000:0${i}:00.0 Processing accelerators [1200]: Huawei Technologies Co., Ltd. Device [19e5:d802] (rev 20)`,
    );
    writeFileSync(join(dir, 'lspci.txt'), lines.join('\n'));
    const run = await cli(['identify', join(dir, 'lspci.txt')]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Ascend 910B \(昇腾910B\) × 8/);
    const json = await cli(['identify', join(dir, 'lspci.txt'), '--json']);
    assert.equal(JSON.parse(json.stdout).recognized[0].count, 8);
  });

  it("reads this machine's devices from sysfs", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipreg-sys-'));
    for (const [slot, vendor, device, klass] of [
      ['0000:3b:00.0', '0x1e36', '0x0021', '0x120000'],
      ['0000:00:00.0', '0x8086', '0x2020', '0x060000'],
    ] as const) {
      mkdirSync(join(dir, slot));
      writeFileSync(join(dir, slot, 'vendor'), `${vendor}\n`);
      writeFileSync(join(dir, slot, 'device'), `${device}\n`);
      writeFileSync(join(dir, slot, 'class'), `${klass}\n`);
    }
    const run = await cli(['identify', '--sys', dir, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const answer = JSON.parse(run.stdout);
    assert.equal(answer.devices, 2);
    assert.equal(answer.recognized[0].chip.id, 'enflame-t20');
    assert.equal(answer.ignored, 1);
  });

  it('exits 2 for a missing file', async () => {
    assert.equal((await cli(['identify', '/no/such/file'])).code, 2);
  });
});
