import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectAndParse } from '../../src/domain/identify/detect.js';
import { shippedPciIds } from '../../src/services/pci-ids-source.js';

/**
 * Every lspci form reads the same device. The lines below are written here in the shapes
 * lspci prints (the real dumps are in test/fixtures/machines); each must yield the ids,
 * the class, and the details the form carries.
 */
const ids = shippedPciIds();
const read = (text: string) => detectAndParse(text, ids);
const one = (text: string) => {
  const { devices } = read(text);
  assert.equal(devices.length, 1, JSON.stringify(devices));
  return devices[0]!;
};

describe('lspci forms', () => {
  it('plain: names resolve through pci.ids (vendor name, `Device d500`, a device name such as S60)', () => {
    const ascend = one('01:00.0 Processing accelerators: Huawei Technologies Co., Ltd. Device d500 (rev 23)');
    assert.deepEqual(
      [ascend.slot, ascend.vendorId, ascend.deviceId, ascend.classCode, ascend.revision],
      ['0000:01:00.0', '19e5', 'd500', '1200', '23'],
    );
    const s60 = one('3b:00.0 Processing accelerators: Shanghai Enflame Technology Co. Ltd S60 [Enflame] (rev 01)');
    assert.deepEqual([s60.vendorId, s60.deviceId], ['1e36', 'c035']);
    const bare = one('53:00.0 Communication controller: Device 1d22:3684');
    assert.deepEqual([bare.vendorId, bare.deviceId, bare.classCode], ['1d22', '3684', '0780']);
  });

  it('-n and -nv: numeric class and ids, subsystem and revision kept', () => {
    const d = one('01:00.0 0780: 1d22:3684 (rev 02)\n\tSubsystem: 0002:0001\n\tFlags: bus master, fast devsel');
    assert.deepEqual([d.classCode, d.vendorId, d.deviceId, d.revision], ['0780', '1d22', '3684', '02']);
    assert.deepEqual(d.subsystem, { vendor: '0002', device: '0001' });
    const numericClass = one('37:00.0 Class 1200: Device 1d22:3684 (rev 01)');
    assert.deepEqual([numericClass.classCode, numericClass.deviceId], ['1200', '3684']);
  });

  it('-nn and -vvnn with a domain, a prompt, CRLF and a kernel driver (-k)', () => {
    const d = one(
      'root@node1:~# lspci -vvnn -d 19e5:\r\n' +
        '0000:3b:00.0 Processing accelerators [1200]: Huawei Technologies Co., Ltd. Device [19e5:d802] (rev 20)\r\n' +
        '\tSubsystem: Huawei Technologies Co., Ltd. Device [19e5:6001]\r\n' +
        '\tKernel driver in use: devdrv_device_driver\r\n',
    );
    assert.deepEqual([d.slot, d.vendorId, d.deviceId, d.classCode], ['0000:3b:00.0', '19e5', 'd802', '1200']);
    assert.deepEqual(d.subsystem, { vendor: '19e5', device: '6001' });
    assert.equal(d.driver, 'devdrv_device_driver');
  });

  it('IOMMU group listings, both one-line and grouped', () => {
    const line = one(
      'IOMMU Group 42 3b:00.0 Processing accelerators [1200]: Huawei Technologies Co., Ltd. Device [19e5:d802]',
    );
    assert.equal(line.deviceId, 'd802');
    const grouped = one('IOMMU Group 42:\n\t3b:00.0 Processing accelerators [1200]: Device [1d22:3684] (rev 01)');
    assert.equal(grouped.vendorId, '1d22');
  });

  it('-vmm and -nvmm records', () => {
    const named = one(
      'Slot:\t0000:01:00.0\nClass:\tProcessing accelerators\nVendor:\tHuawei Technologies Co., Ltd.\nDevice:\tDevice d500\nRev:\t23\n',
    );
    assert.deepEqual([named.vendorId, named.deviceId, named.classCode, named.revision], ['19e5', 'd500', '1200', '23']);
    const numeric = one('Slot:\t06:00.0\nClass:\t1200\nVendor:\t1d22\nDevice:\t3684\nSVendor:\t0002\nSDevice:\t0001\n');
    assert.deepEqual(numeric.subsystem, { vendor: '0002', device: '0001' });
  });

  it('sysfs attributes below the device tree (/sys/devices/pci0000:00/.../<address>/), the last address naming the function', () => {
    const d = one(
      '/sys/devices/pci0000:00/0000:00:1c.3/0000:0b:00.0/net/enp11s0/device/vendor:0x8086\n' +
        '/sys/devices/pci0000:00/0000:00:1c.3/0000:0b:00.0/net/enp11s0/device/device:0x1533\n' +
        '/sys/devices/pci0000:00/0000:00:1c.3/0000:0b:00.0/net/enp11s0/driver:igb\n',
    );
    assert.deepEqual([d.format, d.slot, d.vendorId, d.deviceId], ['sysfs', '0000:0b:00.0', '8086', '1533']);
    assert.equal(read('/sys/class/mmc_host/mmc0/mmc0:0001/device:0x9140\n').recognised, false);
  });

  it('sysfs attributes (grep . /sys/bus/pci/devices/*/...)', () => {
    const d = one(
      '/sys/bus/pci/devices/0000:3b:00.0/class:0x120000\n/sys/bus/pci/devices/0000:3b:00.0/device:0xd802\n' +
        '/sys/bus/pci/devices/0000:3b:00.0/vendor:0x19e5\n/sys/bus/pci/devices/0000:3b:00.0/revision:0x20\n',
    );
    assert.deepEqual(
      [d.format, d.vendorId, d.deviceId, d.classCode, d.revision],
      ['sysfs', '19e5', 'd802', '1200', '20'],
    );
  });

  it('a guide that shows lspci and npu-smi of the same machine counts each device once', () => {
    const text =
      '01:00.0 Processing accelerators: Huawei Technologies Co., Ltd. Device d500 (rev 23)\n' +
      '| npu-smi 23.0.rc3     Version: 23.0.rc3 |\n' +
      '| NPU   Name   | Health      | Power(W)  Temp(C)           Hugepages-Usage(page|\n' +
      '| 0     310P3  | OK          | NA        51                996   / 996         |\n' +
      '| 0     0      | 0000:01:00.0| 0         3841 / 21527                          |\n';
    const { devices, formats } = read(text);
    assert.deepEqual(formats, ['npu-smi', 'lspci']);
    assert.equal(devices.length, 1);
    assert.deepEqual([devices[0]!.name, devices[0]!.deviceId, devices[0]!.memoryMiB], ['310P3', 'd500', 21527]);
  });

  it('text that is no dump is not recognised; a header-only lspci paste is', () => {
    assert.equal(read('2026-12-02 13:00:01 INFO server started').recognised, false);
    assert.equal(read('$ lspci -d 19e5:\n').recognised, true);
  });
});
