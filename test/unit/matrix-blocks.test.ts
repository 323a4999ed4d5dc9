import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { blocksOf, type MatrixModel } from '../../src/web/matrix-view.js';

const model = (id: string, publisher: string | null): MatrixModel =>
  ({ id, nameEn: id, nameZh: null, family: id, publisher }) as MatrixModel;

describe('the matrix split into tables by model publisher', () => {
  it('packs whole publishers together while they fit and splits one larger than a table', () => {
    const models = [
      ...Array.from({ length: 13 }, (_, i) => model(`qwen-${i}`, 'alibaba')),
      ...Array.from({ length: 3 }, (_, i) => model(`baichuan-${i}`, 'baichuan')),
      ...Array.from({ length: 9 }, (_, i) => model(`deepseek-${i}`, 'deepseek')),
      ...Array.from({ length: 40 }, (_, i) => model(`glm-${i}`, 'zhipu')),
    ];
    assert.deepEqual(
      blocksOf(models, 18).map((b) => [b.publishers, b.models.length]),
      [
        [['alibaba', 'baichuan'], 16],
        [['deepseek'], 9],
        [['zhipu'], 18],
        [['zhipu'], 18],
        [['zhipu'], 4],
      ],
    );
  });

  it('keeps every model exactly once, in its publisher order, and no table wider than the limit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', null), fc.nat(1000)), { maxLength: 120 }),
        fc.integer({ min: 1, max: 30 }),
        (rows, max) => {
          const models = rows.map(([publisher, n], i) => model(`m${i}-${n}`, publisher));
          const blocks = blocksOf(models, max);
          const flat = blocks.flatMap((b) => b.models);
          assert.deepEqual(flat.map((m) => m.id).sort(), models.map((m) => m.id).sort());
          for (const b of blocks) {
            assert.ok(b.models.length >= 1 && b.models.length <= max);
            assert.deepEqual([...new Set(b.models.map((m) => m.publisher ?? ''))], b.publishers);
          }
          // Within a publisher, the order the matrix gave is kept.
          for (const p of new Set(models.map((m) => m.publisher)))
            assert.deepEqual(
              flat.filter((m) => m.publisher === p).map((m) => m.id),
              models.filter((m) => m.publisher === p).map((m) => m.id),
            );
        },
      ),
    );
  });
});
