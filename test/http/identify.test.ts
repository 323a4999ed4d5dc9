import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { addCertification } from '../helpers/builders.js';
import { assertProblem, assertSchema, startTestApp, type TestApp } from '../helpers/test-app.js';

const SCHEMA = 'responses/identify.v1.schema.json';
const ascend = Array.from({ length: 8 }, (_, i) => {
  const bus = ['01', '02', '41', '42', '81', '82', 'c1', 'c2'][i];
  return `0000:${bus}:00.0 Processing accelerators [1200]: Huawei Technologies Co., Ltd. Device [19e5:d802] (rev 20)`;
});
const DUMP = [
  '0000:00:00.0 Host bridge [0600]: Intel Corporation Sky Lake-E DMI3 Registers [8086:2020] (rev 07)',
  ...ascend,
  '3b:00.0 Processing accelerators [1200]: Shanghai Enflame Technology Co. Ltd T20(32GB) [CloudBlazer] [1e36:0021] (rev 01)',
  '3c:00.0 Processing accelerators [1200]: Shanghai Enflame Technology Co. Ltd T20(32GB) [CloudBlazer] [1e36:0021] (rev 01)',
  '5e:00.0 Display controller [0380]: MetaX Integrated Circuits (Shanghai) Co., Ltd. C500 [9999:0a01] (rev 01)',
  'af:00.0 Processing accelerators [1200]: Device [1bad:f00d]',
  '18:00.0 Ethernet controller [0200]: Mellanox Technologies MT28908 Family [ConnectX-6] [15b3:101b]',
].join('\n');

let app: TestApp;
before(async () => {
  app = await startTestApp();
  addCertification(app.deps, { model: 'chatglm3-6b', chip: 'huawei-ascend-910b', vendor: 'huawei' });
});
after(() => app.close());

describe('POST /v1/identify', () => {
  it('recognises a mixed 8-card Ascend 910B + Enflame + MetaX + unknown-device lspci dump', async () => {
    const res = await app.request('POST', '/v1/identify', { raw: DUMP, headers: { 'content-type': 'text/plain' } });
    assert.equal(res.status, 200, res.text);
    assertSchema(res.body, SCHEMA);
    const byChip = Object.fromEntries(
      res.body.recognized.map((r: { chip: { id: string }; count: number }) => [r.chip.id, r]),
    );
    assert.equal(byChip['huawei-ascend-910b'].count, 8);
    assert.equal(byChip['huawei-ascend-910b'].certifications.length, 1);
    assert.equal(
      Object.values(byChip).reduce((n: number, r: any) => n + r.count, 0),
      11,
    );
    assert.ok(
      Object.keys(byChip).some((id) => id.startsWith('enflame-')),
      JSON.stringify(Object.keys(byChip)),
    );
    assert.ok(
      Object.keys(byChip).some((id) => id.startsWith('metax-')),
      JSON.stringify(Object.keys(byChip)),
    );
    assert.deepEqual(
      res.body.unknown.map((u: { pciId: string }) => u.pciId),
      ['1bad:f00d'],
    );
    assert.deepEqual(
      res.body.ignored.map((i: { pciId: string; reason: string }) => [i.pciId, i.reason]),
      [
        ['8086:2020', 'bridge'],
        ['15b3:101b', 'network controller'],
      ],
    );
  });

  it('lists crypto engines, BMC display and root ports of an accelerator vendor as ignored, even from lspci -n', async () => {
    const res = await app.request('POST', '/v1/identify', {
      raw: [
        '00:08.0 0604: 19e5:a120 (rev 21)',
        '03:00.0 0300: 19e5:1711 (rev 01)',
        '79:00.0 1200: 19e5:a250 (rev 21)',
        '7d:00.0 0200: 19e5:a222 (rev 21)',
      ].join('\n'),
      headers: { 'content-type': 'text/plain' },
    });
    assertSchema(res.body, SCHEMA);
    assert.deepEqual(res.body.unknown, []);
    assert.deepEqual(
      res.body.ignored.map((i: { reason: string }) => i.reason),
      [
        'bridge',
        'server management (BMC) display controller',
        'crypto, compression or DMA engine',
        'network controller',
      ],
    );
  });

  it('accepts {pciIds} and reports malformed ids with pointers', async () => {
    const ok = await app.request('POST', '/v1/identify', { body: { pciIds: ['19e5:d802', '0x19E5:0xD802'] } });
    assertSchema(ok.body, SCHEMA);
    assert.equal(ok.body.recognized[0].count, 2);
    const bad = await app.request('POST', '/v1/identify', { body: { pciIds: ['19e5:d802', 'nope'] } });
    assertProblem(bad, 400);
    assert.deepEqual(
      bad.body.errors.map((e: { pointer: string }) => e.pointer),
      ['/pciIds/1'],
    );
  });

  it('refuses text that is no dump with a 422 listing the accepted forms, and a wrong content type with 415', async () => {
    const notADump = await app.request('POST', '/v1/identify', {
      raw: 'no pci devices here',
      headers: { 'content-type': 'text/plain' },
    });
    assertProblem(notADump, 422);
    assert.ok(
      notADump.body.accepted.some((f: string) => f.startsWith('npu-smi info')),
      JSON.stringify(notADump.body),
    );
    assertProblem(
      await app.request('POST', '/v1/identify', { raw: '<xml/>', headers: { 'content-type': 'application/xml' } }),
      415,
    );
    assertProblem(await app.request('POST', '/v1/identify', { body: {} }), 400);
  });
});

describe('the identify web page', () => {
  const post = (text: string) =>
    app.request('POST', '/identify', {
      raw: new URLSearchParams({ lspci: text }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

  it('shows a pasted npu-smi dump as a card group with SKU, boards, memory and the models to run', async () => {
    const raw = readFileSync(new URL('../fixtures/machines/ascend-910b2c-npu-smi.txt', import.meta.url), 'utf8');
    const res = await post(raw);
    assert.equal(res.status, 200);
    assert.match(res.text, /data-chip="huawei-ascend-910b"/);
    assert.match(res.text, /SKU 910B2C · 2 board\(s\) · 128 GiB in all/);
    assert.match(res.text, /<table class="models" data-chip="huawei-ascend-910b">[\s\S]*chatglm3-6b/);
  });

  it('answers text that is no dump with 422 and the forms it reads', async () => {
    const res = await post('hello, this is a log line');
    assert.equal(res.status, 422);
    assert.match(res.text, /role="alert"[^>]*>[^<]*npu-smi info/);
  });
});
