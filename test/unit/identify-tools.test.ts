import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectAndParse } from '../../src/domain/identify/detect.js';
import { shippedPciIds } from '../../src/services/pci-ids-source.js';

/**
 * Vendor tools and cases the real dumps in test/fixtures/machines do not cover. The tables are
 * written here in the layout each tool prints; the machine specs use published dumps.
 */
const ids = shippedPciIds();
const read = (text: string) => detectAndParse(text, ids);

describe('vendor tool tables', () => {
  it('mthreads-gmi: model, bus id and memory per GPU; an MPC parent is physical, a vGPU in a guest is virtual', () => {
    const { formats, devices } = read(
      [
        '---------------------------------------------------------------',
        '    mthreads-gmi:1.14.0          Driver Version:2.7.0',
        '---------------------------------------------------------------',
        'ID   Name           |PCIe                |%GPU  Mem',
        '     Device Type    |Pcie Lane Width     |Temp  MPC Capable',
        '+-------------------------------------------------------------+',
        '0    MTT S80        |00000000:04:00.0    |0%    2MiB(16384MiB)',
        '     Physical       |4x(16x)             |49C   YES',
        '1    MTT S3000      |00000000:5e:00.0    |58%   30094MiB(32768MiB)',
        '     MPC Parent     |16x(16x)            |57C   YES',
        '2    MTT S3000 MtvGPU-1101 |00000000:00:0d.0    |0%    0MiB(1024MiB)',
        '     Virtual        |16x(16x)            |',
      ].join('\n'),
    );
    assert.deepEqual(formats, ['mthreads-gmi']);
    assert.deepEqual(
      devices.map((d) => [d.name, d.slot, d.memoryMiB, d.virtualFunction]),
      [
        ['MTT S80', '0000:04:00.0', 16384, false],
        ['MTT S3000', '0000:5e:00.0', 32768, false],
        ['MTT S3000 MtvGPU-1101', '0000:00:0d.0', 1024, true],
      ],
    );
  });

  it('mx-smi -L lines', () => {
    const { devices } = read('mx-smi  version: 2.2.9\nGPU#0    MXC500      0000:08:00.0   Available (UUID: GPU-1)\n');
    assert.deepEqual(
      devices.map((d) => [d.name, d.slot]),
      [['MXC500', '0000:08:00.0']],
    );
  });

  it("bm-smi table (laid out as libsophon bm_smi_display.cpp prints it): the card row names the board, a chip row below it has a blank left half, each chip's second row gives its bus id and memory", () => {
    const { formats, devices } = read(
      [
        '| Lib Version:    2.7.0             Driver Version:  0.4.8                                         |',
        '+---------------------------------------+----------------------------------------------------------+',
        '|card  Name      Mode        SN         |TPU  boardT  chipT   TPU_P  TPU_V  ECC  CorrectN  Tpu-Util|',
        '|12V_ATX  MaxP boardP Minclk Maxclk  Fan|Bus-ID      Status   Currclk   TPU_C   Memory-Usage       |',
        '|=======================================+==========================================================|',
        '| 0  1684-SC5+   PCIE HQDZKC5BAJGBG0083 | 0    56C     55C 2.0W   615mV  OFF    N/A          0% |',
        '|  3.3A   75W   18W   75M     550M   N/A|000:01:00.0 Active    550M      3.3A     0MB/ 7086MB      |',
        '|                                       | 1    56C     55C 2.0W   613mV  OFF    N/A          0% |',
        '|                                       |000:01:00.1 Active    550M      4.1A     0MB/ 7086MB      |',
        '| 1 1684X-SC7    PCIE HQDZKE5BJAJFH0001 | 2    35C     38C 1.4W   600mV  OFF    N/A          0% |',
        '|  1.0A   75W   18W   25M    1000M   N/A|000:81:00.0 Active   1000M      1.0A     0MB/12032MB      |',
      ].join('\n'),
    );
    assert.deepEqual(formats, ['bm-smi']);
    assert.deepEqual(
      devices.map((d) => [d.vendor, d.name, d.board, d.slot, d.memoryMiB]),
      [
        ['sophgo', 'BM1684-SC5+', '0', '0000:01:00.0', 7086],
        ['sophgo', 'BM1684-SC5+', '0', '0000:01:00.1', 7086],
        ['sophgo', 'BM1684X-SC7', '1', '0000:81:00.0', 12032],
      ],
    );
  });

  it('bm-smi --text_format: one line per chip, `chipN` numbering the chips of a card, total memory last', () => {
    const { formats, devices } = read(
      [
        '1684X-SC7 PCIE chip0: 0 000:81:00.0 Active 35C 38C 1W 600mV OFF N/A 0% 25M 1000M 1000M 1.0A 0MB 12032MB',
        '1684X-SC7 PCIE chip1: 1 000:82:00.0 Active 35C 38C 1W 600mV OFF N/A 0% 25M 1000M 1000M 1.0A 0MB 12032MB',
        '1684X-SC7 PCIE chip0: 2 000:83:00.0 Active 35C 38C 1W 600mV OFF N/A 0% 25M 1000M 1000M 1.0A 0MB 12032MB',
      ].join('\n'),
    );
    assert.deepEqual(formats, ['bm-smi']);
    assert.deepEqual(
      devices.map((d) => [d.name, d.slot, d.board, d.memoryMiB]),
      [
        ['BM1684X-SC7', '0000:81:00.0', '0', 12032],
        ['BM1684X-SC7', '0000:82:00.0', '0', 12032],
        ['BM1684X-SC7', '0000:83:00.0', '1', 12032],
      ],
    );
  });

  it('SR-IOV: virtual functions are counted and marked, so the group memory counts physical devices only', () => {
    const { devices } = read(
      [
        '3b:00.0 Processing accelerators [1200]: Hexaflake (Shanghai) Information Technology Co., Ltd. Compass C10 PF [1faa:0c10]',
        '3b:00.1 Processing accelerators [1200]: Hexaflake (Shanghai) Information Technology Co., Ltd. Compass C10 VF [1faa:0c11]',
        '3b:00.2 Processing accelerators [1200]: Hexaflake (Shanghai) Information Technology Co., Ltd. Compass C10 VF [1faa:0c11]',
      ].join('\n'),
    );
    assert.deepEqual(
      devices.map((d) => d.virtualFunction),
      [false, true, true],
    );
  });
});
