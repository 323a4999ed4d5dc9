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
    assert.deepEqual(answer.ignored, [{ pciId: '8086:2020', count: 1, name: null, reason: 'bridge' }]);
  });

  it('reads a vendor tool dump (npu-smi info from the PaddlePaddle guide) and names the SKU', async () => {
    const file = new URL('../fixtures/machines/ascend-910b2c-npu-smi.txt', import.meta.url).pathname;
    const run = await cli(['identify', file]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Ascend 910B \(昇腾910B\) × 2 .*SKU 910B2C, 2 board\(s\), 128 GiB in all/);
  });

  const fixture = (name: string) => new URL(`../fixtures/machines/${name}`, import.meta.url).pathname;

  it('reads the published tool and sysfs dumps as a person does', async () => {
    const s80 = await cli(['identify', fixture('moore-threads-s80-mthreads-gmi.txt')]);
    assert.equal(s80.code, 0, s80.stderr);
    assert.match(s80.stdout, /^MTT S80 × 1 {2}\[moore-threads-mtt-s80\] {2}16 GiB in all$/m);
    const bm = await cli(['identify', fixture('sophgo-bm1684-sc5plus-bm-smi-text.txt')]);
    assert.equal(bm.code, 0, bm.stderr);
    assert.match(bm.stdout, /^BM1684 × 3 {2}\[sophgo-bm1684\] {2}1 board\(s\), 20\.7 GiB in all$/m);
    const arm = await cli(['identify', fixture('phytium-ft2000plus-iommu-groups-lspci-nns.txt'), '--json']);
    assert.equal(arm.code, 0, arm.stderr);
    const answer = JSON.parse(arm.stdout);
    assert.deepEqual(
      answer.recognized.map((g: { chip: { id: string }; count: number }) => [g.chip.id, g.count]),
      [['huawei-ascend-310', 1]],
    );
    assert.deepEqual(answer.unknown, []);
    const sysfs = await cli(['identify', fixture('supermicro-x86-sysfs-grep.txt')]);
    assert.equal(sysfs.code, 0, sysfs.stderr);
    assert.match(sysfs.stdout, /No accelerator found among 2 devices/);
  });

  it('exits 1 with the accepted forms for text that is no dump', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipreg-log-'));
    writeFileSync(join(dir, 'app.log'), '2026-12-02 13:00:01 INFO server started on port 8080\n');
    const run = await cli(['identify', join(dir, 'app.log')]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /not a machine dump[\s\S]*npu-smi info/);
  });

  it('exits 2 for a missing file', async () => {
    assert.equal((await cli(['identify', '/no/such/file'])).code, 2);
  });
});
