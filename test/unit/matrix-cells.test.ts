import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { importCatalog } from '../../src/catalog/import-catalog.js';
import { createCertificationRepository } from '../../src/db/certification-repository.js';
import { createCertificationWriter, type NewCertification } from '../../src/db/certification-writer.js';
import { openDatabase } from '../../src/db/open-database.js';
import type { Precision } from '../../src/domain/catalog-types.js';
import { deploymentKey } from '../../src/domain/deployment-key.js';
import { dataDir } from '../../src/package-root.js';
import { schemas } from '../helpers/test-app.js';

/**
 * Specification: the matrix maintained on write (migration 9, src/db/matrix-cells.ts) answers every query exactly
 * as the aggregate over all live certifications that it replaced, at any instant: after inserts one by one and in
 * batches, supersession, revocation, certifications expiring, and with the clock before the last write.
 */

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const at = (day: number) => new Date(T0 + day * DAY).toISOString();

// Pairs that the catalog's own declarations (L0) already populate, so verified levels meet declared ones.
const MODELS = ['chatglm3-6b', 'glm-4-9b-chat', 'baichuan2'];
const CHIPS = [
  { id: 'sophgo-bm1684x', vendor: 'sophgo' },
  { id: 'huawei-ascend-910b', vendor: 'huawei' },
  { id: 'enflame-s60', vendor: 'enflame' },
];
const PRECISIONS: Array<Precision | null> = ['int8', 'bf16', 'fp16', null];

const certification = fc.record({
  model: fc.nat({ max: MODELS.length - 1 }),
  chip: fc.nat({ max: CHIPS.length - 1 }),
  level: fc.integer({ min: 1, max: 4 }),
  precision: fc.constantFrom(...PRECISIONS),
  // Another organisation certifying on the chip: its certifications never supersede the chip vendor's.
  otherVendor: fc.boolean(),
  devices: fc.constantFrom(1, 8),
  issued: fc.integer({ min: 0, max: 400 }),
  validDays: fc.option(fc.integer({ min: 1, max: 200 }), { freq: 4 }),
});

const operation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), certification, writtenAt: fc.integer({ min: 0, max: 700 }) }),
  fc.record({
    kind: fc.constant('batch' as const),
    certifications: fc.array(certification, { minLength: 1, maxLength: 8 }),
    writtenAt: fc.integer({ min: 0, max: 700 }),
  }),
  fc.record({ kind: fc.constant('revoke' as const), pick: fc.nat(), writtenAt: fc.integer({ min: 0, max: 700 }) }),
);

const query = fc.record({
  minLevel: fc.integer({ min: 0, max: 4 }),
  precision: fc.option(fc.constantFrom('int8', 'bf16', 'fp16', 'w8a8'), { nil: undefined }),
  chips: fc.option(fc.subarray(CHIPS.map((c) => c.id)), { nil: undefined }),
  models: fc.option(fc.subarray(MODELS), { nil: undefined }),
});

function newCertification(c: typeof certification extends fc.Arbitrary<infer T> ? T : never): NewCertification {
  const chip = CHIPS[c.chip]!;
  const stack = [{ kind: 'sdk' as const, name: 'SDK', version: '1.0.0', channel: 'ga' as const }];
  const axes = {
    model: MODELS[c.model]!,
    chip: chip.id,
    system: null,
    devices: c.devices,
    precision: c.precision,
    form: 'local-private' as const,
    stack,
  };
  return {
    ...axes,
    level: c.level,
    vendor: c.otherVendor ? ('huawei' === chip.vendor ? 'enflame' : 'huawei') : chip.vendor,
    deploymentKey: deploymentKey(axes),
    requirementSet: '2026.1',
    submissionId: null,
    issuedAt: at(c.issued),
    validUntil: c.validDays === null ? null : at(c.issued + c.validDays),
    preview: false,
    highAccuracy: false,
    evidence: { modelRevision: 'r', os: null, checks: [] },
  };
}

describe('the maintained matrix', () => {
  let dir: string;
  let template: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'chipreg-matrix-'));
    template = join(dir, 'template.db');
    const db = openDatabase(template);
    importCatalog(db, schemas, dataDir(), { actor: 'test' });
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('answers every query as the aggregate over live certifications did, at any instant', () => {
    let run = 0;
    fc.assert(
      fc.property(
        fc.array(operation, { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(query, fc.integer({ min: -30, max: 800 })), { minLength: 1, maxLength: 6 }),
        (operations, reads) => {
          const path = join(dir, `run-${run++}.db`);
          copyFileSync(template, path);
          const db = openDatabase(path);
          try {
            let clock = T0;
            const writer = createCertificationWriter(db, () => new Date(clock));
            const repo = createCertificationRepository(db);
            const ids: string[] = [];
            for (const op of operations) {
              clock = T0 + op.writtenAt * DAY;
              if (op.kind === 'insert') ids.push(writer.insert(newCertification(op.certification)).id);
              else if (op.kind === 'batch')
                ids.push(...writer.insertMany(op.certifications.map(newCertification)).map((r) => r.id));
              else if (ids.length > 0) writer.revoke(ids[op.pick % ids.length]!, 'test', at(op.writtenAt));
            }
            for (const [filter, day] of reads) {
              const now = at(day);
              const expected = repo.matrixAggregate(filter, now);
              assert.deepEqual(repo.matrix(filter, now), expected, JSON.stringify({ filter, now }));
            }
          } finally {
            db.close();
            rmSync(path, { force: true });
            rmSync(`${path}-wal`, { force: true });
            rmSync(`${path}-shm`, { force: true });
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
