import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseLspci, parsePciId } from '../../src/domain/lspci-parser.js';

const hex4 = fc.stringMatching(/^[0-9a-f]{4}$/);
const hex2 = fc.stringMatching(/^[0-9a-f]{2}$/);

describe('parseLspci', () => {
  it('reads lines with and without a domain, and names with brackets', () => {
    const devices = parseLspci(
      [
        '0000:01:00.0 Processing accelerators [1200]: Huawei Technologies Co., Ltd. Device [19e5:d802] (rev 20)',
        '3b:00.0 Processing accelerators [1200]: Shanghai Enflame Technology Co. Ltd T20(32GB) [CloudBlazer] [1e36:0021] (rev 01)',
        '\tSubsystem: Huawei Technologies Co., Ltd. Device [19e5:0123]',
        'garbage line',
      ].join('\n'),
    );
    assert.deepEqual(
      devices.map((d) => [d.slot, d.vendor, d.device, d.classCode]),
      [
        ['0000:01:00.0', '19e5', 'd802', '1200'],
        ['0000:3b:00.0', '1e36', '0021', '1200'],
      ],
    );
    assert.equal(devices[1]!.name, 'Shanghai Enflame Technology Co. Ltd T20(32GB) [CloudBlazer]');
  });

  it('finds every generated device line, whatever surrounds it', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            bus: hex2,
            vendor: hex4,
            device: hex4,
            klass: hex4,
            name: fc.string({ maxLength: 30 }).map((s) => s.replace(/[\r\n[\]]/g, ' ')),
            domain: fc.boolean(),
          }),
          { maxLength: 20 },
        ),
        fc.array(
          fc.string({ maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, ' ').replace(/^\s*[0-9a-f]/i, 'x')),
          { maxLength: 5 },
        ),
        (rows, noise) => {
          const lines = rows.map(
            (r) => `${r.domain ? '0000:' : ''}${r.bus}:00.0 Class [${r.klass}]: ${r.name} [${r.vendor}:${r.device}]`,
          );
          const parsed = parseLspci([...noise, ...lines].join('\n'));
          return (
            parsed.length === rows.length &&
            parsed.every(
              (d, i) => d.vendor === rows[i]!.vendor && d.device === rows[i]!.device && d.classCode === rows[i]!.klass,
            )
          );
        },
      ),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (text) => Array.isArray(parseLspci(text))));
  });
});

describe('parsePciId', () => {
  it('accepts vendor:device in any case, with or without 0x', () => {
    assert.deepEqual(parsePciId('19E5:D802'), { vendor: '19e5', device: 'd802' });
    assert.deepEqual(parsePciId('0x19e5:0xd802'), { vendor: '19e5', device: 'd802' });
    assert.equal(parsePciId('19e5-d802'), null);
    assert.equal(parsePciId('19e5:d8021'), null);
  });
});
