import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { detectAndParse } from '../../src/domain/identify/detect.js';
import { shippedPciIds } from '../../src/services/pci-ids-source.js';
import { assertSchema, startTestApp, type TestApp } from '../helpers/test-app.js';

/** Any text in: the parser never throws, and the API answers 200 (a dump) or 422 (not a dump), never a 5xx. */
const dir = new URL('../fixtures/machines/', import.meta.url);
const realLines = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .flatMap((f) => readFileSync(new URL(f, dir), 'utf8').split('\n'));
const fragments = fc.constantFrom(
  '|',
  ':',
  '[',
  ']',
  '0000:',
  '3b:00.0 ',
  '[19e5:d802]',
  'Device ',
  '(rev ',
  '\t',
  '\r\n',
  'Slot:\t',
  'IOMMU Group 1 ',
  'npu-smi 1.0',
  'MiB/ ',
  ' / ',
  'CNMON v1',
  'mx-smi  version',
  '/sys/bus/pci/devices/0000:01:00.0/vendor:0x',
  '/sys/devices/pci0000:00/0000:00:1c.3/',
  '1684X-SC7 PCIE chip0: 0 ',
  'mthreads-gmi:2.0.0',
  'MPC Parent',
);
/** Real dump lines, cut, mutated and interleaved with the characters the parsers key on. */
const dumpish = fc
  .array(
    fc.oneof(
      fc.constantFrom(...realLines),
      fc.string({ maxLength: 80 }),
      fc.tuple(fc.constantFrom(...realLines), fc.nat(), fragments).map(([l, at, f]) => {
        const i = l.length ? at % l.length : 0;
        return l.slice(0, i) + f + l.slice(i);
      }),
      fc.array(fragments, { maxLength: 8 }).map((parts) => parts.join('')),
    ),
    { maxLength: 40 },
  )
  .map((lines) => lines.join('\n'));

let app: TestApp;
before(async () => {
  app = await startTestApp();
});
after(() => app.close());

describe('identify on any text', () => {
  it('the detector and parsers never throw, whatever the text', () => {
    const ids = shippedPciIds();
    fc.assert(
      fc.property(fc.oneof(dumpish, fc.string({ unit: 'grapheme', maxLength: 400 })), (text) => {
        const { devices } = detectAndParse(text, ids);
        for (const d of devices) {
          assert.ok(d.slot === null || /^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/.test(d.slot), d.slot!);
          assert.ok(d.vendorId === null || /^[0-9a-f]{4}$/.test(d.vendorId), d.vendorId!);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('POST /v1/identify answers 200 with a schema-valid answer or 422, never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(dumpish, async (text) => {
        const res = await app.request('POST', '/v1/identify', { raw: text, headers: { 'content-type': 'text/plain' } });
        assert.ok(res.status === 200 || res.status === 422, `${res.status} ${res.text.slice(0, 300)}`);
        if (res.status === 200) assertSchema(res.body, 'responses/identify.v1.schema.json');
      }),
      { numRuns: 150 },
    );
  });
});
