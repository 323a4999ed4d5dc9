import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCertificationRepository } from '../../src/db/certification-repository.js';
import { openDatabase } from '../../src/db/open-database.js';

/** Every statement the certification repository prepares while answering the lookups, with its query plan. */
function plansOfLookups(): Array<{ sql: string; plan: string[] }> {
  const db = openDatabase(':memory:');
  const prepared: string[] = [];
  const prepare = db.prepare.bind(db);
  const repo = createCertificationRepository(db);
  db.prepare = ((sql: string) => {
    prepared.push(sql);
    return prepare(sql);
  }) as typeof db.prepare;
  const now = new Date().toISOString();
  repo.get('CERT-2026-000001', now);
  repo.forPair('chatglm3-6b', 'huawei-ascend-910b', now);
  for (const filter of [
    { model: 'm' },
    { chip: 'c' },
    { vendor: 'v' },
    { model: 'm', chip: 'c' },
    { model: 'm', precision: 'int4', minLevel: 2 },
    { chip: 'c', status: 'active' },
  ]) {
    repo.list(filter, now, 0, 50);
  }
  const matrixSql = prepared.length;
  repo.matrix({ minLevel: 0 }, now);
  return prepared.map((sql, i) => ({
    sql: i === matrixSql ? `matrix: ${sql}` : sql,
    plan: (
      prepare(`EXPLAIN QUERY PLAN ${sql}`).all({
        id: 'x',
        model: 'm',
        chip: 'c',
        vendor: 'v',
        precision: 'int4',
        minLevel: 0,
        status: 'active',
        now,
        after: 0,
        limit: 50,
      }) as Array<{ detail: string }>
    ).map((r) => r.detail),
  }));
}

describe('query plans', () => {
  const plans = plansOfLookups();

  it('answers every lookup through an index, never by scanning certifications', () => {
    for (const { sql, plan } of plans.filter((p) => !p.sql.startsWith('matrix:'))) {
      const scans = plan.filter((line) => /^SCAN c\b/.test(line) && !/COVERING INDEX/.test(line));
      assert.deepEqual(scans, [], `${sql}\n${plan.join('\n')}`);
      assert.ok(
        plan.some((line) => /USING (COVERING )?INDEX|PRIMARY KEY/.test(line)),
        `${sql}\n${plan.join('\n')}`,
      );
    }
  });

  it('reads the matrix from the cells maintained on write, one precision in order, without sorting', () => {
    const matrix = plans.find((p) => p.sql.startsWith('matrix:'))!;
    assert.deepEqual(matrix.plan, ['SEARCH matrix_cells USING PRIMARY KEY (precision=?)']);
  });
});
