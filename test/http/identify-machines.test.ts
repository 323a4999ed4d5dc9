import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { addCertification } from '../helpers/builders.js';
import { assertSchema, startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Real dumps published by their owners (test/fixtures/machines/README.md names each source),
 * each read as a person reads it: which chip, how many, which SKU where the dump tells.
 */
const SCHEMA = 'responses/identify.v1.schema.json';
let app: TestApp;
before(async () => {
  app = await startTestApp();
  addCertification(app.deps, { model: 'chatglm3-6b', chip: 'huawei-ascend-910b', vendor: 'huawei' });
});
after(() => app.close());

async function identify(file: string) {
  const raw = readFileSync(new URL(`../fixtures/machines/${file}`, import.meta.url), 'utf8');
  const res = await app.request('POST', '/v1/identify', { raw, headers: { 'content-type': 'text/plain' } });
  assert.equal(res.status, 200, res.text);
  assertSchema(res.body, SCHEMA);
  return res.body;
}

type Group = {
  chip: { id: string };
  slots: string[];
  memoryGiBPerDevice: number | null;
  virtualFunctions: number;
  sku: { name: string } | null;
  skuCandidates: string[];
  count: number;
  boards: number | null;
  totalMemoryGiB: number | null;
  models: Array<{
    model: string;
    level: string | null;
    verified: boolean;
    fit: Array<{ precision: string; fits: boolean }>;
  }>;
};
const only = (body: { recognized: Group[] }): Group => {
  assert.equal(body.recognized.length, 1, JSON.stringify(body.recognized.map((g) => g.chip.id)));
  return body.recognized[0]!;
};

describe('identify on real machine dumps', () => {
  it('plain lspci from a 310P install guide: two Ascend 310P (Device d500 resolved through pci.ids names), SKU one of its SKUs', async () => {
    const body = await identify('ascend-310p-lspci-plain.txt');
    assert.deepEqual(body.formats, ['lspci']);
    const g = only(body);
    assert.equal(g.chip.id, 'huawei-ascend-310p');
    assert.equal(g.count, 2);
    assert.deepEqual(g.skuCandidates, ['310P3']);
    assert.deepEqual(body.unknown, []);
  });

  it('npu-smi info of the same machine: two 310P3 on two cards, 21527 MB each', async () => {
    const g = only(await identify('ascend-310p3-npu-smi.txt'));
    assert.equal(g.chip.id, 'huawei-ascend-310p');
    assert.equal(g.sku?.name, '310P3');
    assert.equal(g.count, 2);
    assert.equal(g.boards, 2);
    assert.equal(g.totalMemoryGiB, 42);
  });

  it('npu-smi info from the PaddlePaddle guide: two 910B2C with 64 GB HBM each, and what fits in 128 GB', async () => {
    const g = only(await identify('ascend-910b2c-npu-smi.txt'));
    assert.equal(g.chip.id, 'huawei-ascend-910b');
    assert.equal(g.sku?.name, '910B2C');
    assert.equal(g.count, 2);
    assert.equal(g.totalMemoryGiB, 128);
    assert.equal(g.models[0]!.model, 'chatglm3-6b', 'a verified certification comes first');
    assert.equal(g.models[0]!.verified, true);
    const glm = g.models.find((m) => m.model === 'glm-4-9b-chat');
    assert.ok(glm && glm.level === 'L0' && glm.fit.some((f) => f.fits), JSON.stringify(glm));
  });

  it('npu-smi info from a HAMi issue: two 910B4-1', async () => {
    const g = only(await identify('ascend-910b4-1-npu-smi.txt'));
    assert.equal(g.sku?.name, '910B4-1');
    assert.equal(g.count, 2);
  });

  it('npu-smi info of an A3 machine printing only "Ascend910" with two dies per NPU: Huawei, three dies on two modules, candidates by memory', async () => {
    const body = await identify('ascend-a3-npu-smi.txt');
    assert.deepEqual(body.recognized, []);
    assert.equal(body.unresolved.length, 1);
    assert.equal(body.unresolved[0].vendor, 'huawei');
    assert.equal(body.unresolved[0].count, 3);
    assert.equal(body.unresolved[0].boards, 2);
    assert.deepEqual(body.unresolved[0].names, ['Ascend910']);
    assert.ok(body.unresolved[0].candidates.includes('huawei-ascend-910b'));
  });

  it('cnmon from the PaddlePaddle guide: two MLU370-X8 chips on one dual-chip board', async () => {
    const g = only(await identify('cambricon-mlu370-x8-cnmon.txt'));
    assert.equal(g.chip.id, 'cambricon-mlu370-x8');
    assert.equal(g.count, 2);
    assert.equal(g.boards, 1);
  });

  it('efsmi from the PaddlePaddle guide: two Enflame S60', async () => {
    const g = only(await identify('enflame-s60-efsmi.txt'));
    assert.equal(g.chip.id, 'enflame-s60');
    assert.equal(g.count, 2);
  });

  it('rocm-smi of a Hygon DCU machine: four Hygon DCUs, no model named, so the candidates', async () => {
    const body = await identify('hygon-dcu-rocm-smi.txt');
    assert.deepEqual(body.formats, ['hy-smi']);
    assert.equal(body.unresolved[0].vendor, 'hygon');
    assert.equal(body.unresolved[0].count, 4);
    assert.ok(body.unresolved[0].candidates.every((c: string) => c.startsWith('hygon-')));
  });

  it('xpu_smi from the PaddlePaddle guide: two Kunlunxin R300 with 32 GB each', async () => {
    const g = only(await identify('kunlunxin-r300-xpu-smi.txt'));
    assert.equal(g.chip.id, 'kunlunxin-r300');
    assert.equal(g.count, 2);
    assert.equal(g.totalMemoryGiB, 64);
  });

  it('plain lspci of an 8-card R480 (Communication controller: Device 1d22:3684): eight Kunlunxin devices, and the chips that share the id', async () => {
    const body = await identify('kunlunxin-r480-lspci-plain.txt');
    assert.deepEqual(body.recognized, []);
    assert.equal(body.unresolved.length, 1);
    assert.equal(body.unresolved[0].vendor, 'kunlunxin');
    assert.equal(body.unresolved[0].count, 8);
    assert.deepEqual(body.unresolved[0].candidates, ['kunlunxin-kunlun-1', 'kunlunxin-r300']);
    assert.deepEqual(body.unknown, []);
  });

  it('mx-smi from the PaddleNLP MetaX guide: eight MXC550 with 64 GB each; the catalog has C500, the memory-matched candidate', async () => {
    const body = await identify('metax-c550-mx-smi.txt');
    assert.equal(body.unresolved[0].count, 8);
    assert.deepEqual(body.unresolved[0].candidates, ['metax-c500']);
  });

  it('hy-smi from the PaddleNLP DCU guide (a K100_AI machine): four Hygon DCUs; hy-smi names no model, so the candidates', async () => {
    const body = await identify('hygon-k100-ai-hy-smi.txt');
    assert.deepEqual(body.formats, ['hy-smi']);
    assert.equal(body.unresolved[0].count, 4);
    assert.ok(body.unresolved[0].candidates.includes('hygon-k100-ai'));
  });

  it('plain lspci from the PaddleNLP DCU guide (Co-processor: ... Device 6210): two Hygon K100_AI', async () => {
    const body = await identify('hygon-k100-ai-lspci-plain.txt');
    const g = only(body);
    assert.equal(g.chip.id, 'hygon-k100-ai');
    assert.equal(g.count, 2);
    assert.deepEqual(body.unknown, []);
  });

  it('ixsmi from the PaddleNLP Iluvatar guide: sixteen BI-V150 devices with 32 GB each', async () => {
    const g = only(await identify('iluvatar-bi-v150-ixsmi.txt'));
    assert.equal(g.chip.id, 'iluvatar-corex-bi-v150');
    assert.equal(g.count, 16);
    assert.equal(g.totalMemoryGiB, 512);
  });

  it('lspci -k of an HP Xeon server (names only, Subsystem and driver lines): no accelerator, the root ports ignored as bridges', async () => {
    const body = await identify('hp-xeon-server-lspci-k.txt');
    assert.equal(body.devices, 10);
    assert.deepEqual(body.recognized, []);
    assert.deepEqual(body.unknown, []);
    assert.deepEqual(
      body.ignored.map((i: { reason: string }) => i.reason),
      body.ignored.map(() => 'bridge'),
    );
    assert.match(body.summary, /No accelerator found among 10 devices/);
  });

  it('mthreads-gmi on a desktop with one MTT S80 (a prompt, the Processes block): one S80 with 16 GiB at 01:00.0', async () => {
    const body = await identify('moore-threads-s80-mthreads-gmi.txt');
    assert.deepEqual(body.formats, ['mthreads-gmi']);
    const g = only(body);
    assert.equal(g.chip.id, 'moore-threads-mtt-s80');
    assert.equal(g.count, 1);
    assert.deepEqual(g.slots, ['0000:01:00.0']);
    assert.equal(g.memoryGiBPerDevice, 16);
    assert.equal(g.totalMemoryGiB, 16);
    assert.deepEqual(body.unresolved, []);
  });

  it("mthreads-gmi from Moore Threads' FAQ (an S4000 whose tool reports 32768 MiB): one S4000, memory as the tool reports it", async () => {
    const g = only(await identify('moore-threads-s4000-mthreads-gmi.txt'));
    assert.equal(g.chip.id, 'moore-threads-mtt-s4000');
    assert.equal(g.count, 1);
    assert.deepEqual(g.slots, ['0000:08:00.0']);
    assert.equal(
      g.memoryGiBPerDevice,
      32,
      'the FAQ card has 48 GB; the tool shows 32 GB until IOMMU is fixed, and the fit uses what is usable',
    );
  });

  it("mthreads-gmi on a vGPU host from Moore Threads' vGPU guide: the MPC Parent is one physical S3000 with 32 GiB", async () => {
    const g = only(await identify('moore-threads-s3000-mpc-parent-mthreads-gmi.txt'));
    assert.equal(g.chip.id, 'moore-threads-mtt-s3000');
    assert.equal(g.count, 1);
    assert.equal(g.virtualFunctions, 0);
    assert.equal(g.totalMemoryGiB, 32);
  });

  it('mthreads-gmi in a vGPU guest from the same guide: one virtual S3000 (MtvGPU-1101) whose 1 GiB the guest can use', async () => {
    const g = only(await identify('moore-threads-s3000-vgpu-guest-mthreads-gmi.txt'));
    assert.equal(g.chip.id, 'moore-threads-mtt-s3000');
    assert.equal(g.count, 1);
    assert.equal(g.virtualFunctions, 1);
    assert.equal(g.boards, null);
    assert.equal(g.totalMemoryGiB, 1);
  });

  it("lspci -d 1ed5: from Moore Threads' vGPU guide (plain names): the name MTT S3000 resolves through pci.ids to 1ed5:0222, one S3000", async () => {
    const body = await identify('moore-threads-s3000-lspci-d.txt');
    assert.deepEqual(body.formats, ['lspci']);
    const g = only(body);
    assert.equal(g.chip.id, 'moore-threads-mtt-s3000');
    assert.equal(g.count, 1);
    assert.deepEqual(g.slots, ['0000:03:00.0']);
  });

  it('bm-smi --text_format from the libsophon guide: three BM1684 chips of one SC5+ card, 7086 MB each', async () => {
    const body = await identify('sophgo-bm1684-sc5plus-bm-smi-text.txt');
    assert.deepEqual(body.formats, ['bm-smi']);
    const g = only(body);
    assert.equal(g.chip.id, 'sophgo-bm1684');
    assert.equal(g.count, 3);
    assert.equal(g.boards, 1);
    assert.deepEqual(g.slots, ['0000:01:00.0', '0000:01:00.1', '0000:01:00.2']);
    assert.equal(g.memoryGiBPerDevice, 6.9);
  });

  it('an IOMMU group listing (lspci -nns per group) of a Phytium FT-2000+ ARM server: one Ascend 310, everything else ignored with its reason', async () => {
    const body = await identify('phytium-ft2000plus-iommu-groups-lspci-nns.txt');
    assert.deepEqual(body.formats, ['lspci']);
    assert.equal(body.devices, 18);
    const g = only(body);
    assert.equal(g.chip.id, 'huawei-ascend-310');
    assert.equal(g.count, 1);
    assert.deepEqual(g.slots, ['0000:0c:00.0']);
    assert.deepEqual(body.unknown, []);
    const reasons = Object.fromEntries(body.ignored.map((i: { pciId: string; reason: string }) => [i.pciId, i.reason]));
    assert.equal(reasons['1a03:2000'], 'server management (BMC) display controller');
    assert.equal(reasons['1a03:1150'], 'bridge');
    assert.equal(reasons['1b4b:9230'], 'storage controller');
    assert.match(reasons['8086:1521']!, /Intel|network/);
  });

  it('lspci -kvns of the same card after a zsh prompt: one Ascend 310 with subsystem 0200:0100 and the vfio-pci driver', async () => {
    const body = await identify('phytium-ft2000plus-ascend310-lspci-kvns.txt');
    assert.equal(body.devices, 1);
    const g = only(body);
    assert.equal(g.chip.id, 'huawei-ascend-310');
    assert.equal(g.count, 1);
    assert.deepEqual(g.skuCandidates, []);
  });

  it('plain lspci of a Kunpeng 920 ARM server from the KAE guide: its HPRE/SEC/RDE/ZIP engines (the ZIP engine is class 1200) are ignored, no accelerator', async () => {
    const body = await identify('kunpeng920-kae-engines-lspci-plain.txt');
    assert.equal(body.devices, 8);
    assert.deepEqual(body.recognized, []);
    assert.deepEqual(body.unresolved, []);
    assert.deepEqual(body.unknown, []);
    assert.deepEqual(
      body.ignored.map((i: { name: string; count: number; reason: string }) => [i.name, i.count, i.reason]),
      [
        ['HiSilicon HPRE Engine', 2, 'crypto, compression or DMA engine'],
        ['HiSilicon RDE Engine', 2, 'crypto, compression or DMA engine'],
        ['HiSilicon ZIP Engine', 2, 'crypto, compression or DMA engine'],
        ['HiSilicon SEC Engine', 2, 'crypto, compression or DMA engine'],
      ],
    );
    assert.match(body.summary, /No accelerator found among 8 devices/);
  });

  it('the same IOMMU listing pasted with CRLF line ends reads the same', async () => {
    const raw = readFileSync(
      new URL('../fixtures/machines/phytium-ft2000plus-iommu-groups-lspci-nns.txt', import.meta.url),
      'utf8',
    );
    const res = await app.request('POST', '/v1/identify', {
      raw: raw.replace(/\n/g, '\r\n'),
      headers: { 'content-type': 'text/plain' },
    });
    assert.equal(res.status, 200, res.text);
    assertSchema(res.body, SCHEMA);
    assert.equal(res.body.devices, 18);
    assert.deepEqual(
      res.body.recognized.map((g: Group) => [g.chip.id, g.count]),
      [['huawei-ascend-310', 1]],
    );
  });

  it('a sysfs grep of a Supermicro x86 host (two Intel NICs below /sys/devices/pci0000:00): two devices, no accelerator', async () => {
    const body = await identify('supermicro-x86-sysfs-grep.txt');
    assert.deepEqual(body.formats, ['sysfs']);
    assert.equal(body.devices, 2);
    assert.deepEqual(body.recognized, []);
    assert.deepEqual(body.unresolved, []);
    assert.deepEqual(body.unknown, []);
    assert.match(body.summary, /No accelerator found among 2 devices/);
  });

  it('a laptop as `lspci -n` prints it (numbers only; an AMD Vega M display controller): nothing recognised, the GPU ignored, no bridge unknown', async () => {
    const body = await identify('dell-precision-vega-m-lspci-n.txt');
    assert.deepEqual(body.formats, ['lspci']);
    assert.equal(body.devices, 32);
    assert.deepEqual(body.recognized, []);
    assert.deepEqual(body.unresolved, []);
    assert.deepEqual(body.unknown, []);
    assert.ok(
      body.ignored.some((i: { name: string; reason: string }) => /AMD|ATI|Advanced Micro/.test(i.name + i.reason)),
    );
    assert.match(body.summary, /No accelerator found among 32 devices/);
  });

  it('an NVIDIA server (RTX 6000 Ada, lspci -vvv after a prompt): recognises nothing and lists the GPU as ignored, not unknown', async () => {
    const body = await identify('nvidia-rtx6000ada-server-lspci-vvv.txt');
    assert.deepEqual(body.recognized, []);
    assert.deepEqual(body.unknown, []);
    assert.match(body.ignored[0].reason, /NVIDIA/);
    assert.match(body.summary, /No accelerator/);
  });
});
