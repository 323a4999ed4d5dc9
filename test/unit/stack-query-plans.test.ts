import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createStackRepository } from '../../src/db/stack-repository.js';
import { openDatabase } from '../../src/db/open-database.js';

/** The stack catalog lookups for a chip read the vendor's combinations by index and probe chips by key. */
describe('stack catalog query plans', () => {
  it('reads a chip’s combinations through the vendor index and the chips primary key, never by scanning', () => {
    const db = openDatabase(':memory:');
    const prepared: string[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    }) as typeof db.prepare;
    const repo = createStackRepository(db);
    repo.page({ id: 'huawei-ascend-910b', vendor: 'huawei' }, 'known-good', '', 50);
    repo.forChip({ id: 'huawei-ascend-910b', vendor: 'huawei' });
    const lookups = prepared.filter((sql) => sql.includes('@vendor'));
    assert.equal(lookups.length, 2);
    for (const sql of lookups) {
      const plan = (
        prepare(`EXPLAIN QUERY PLAN ${sql}`).all({
          chip: 'c',
          vendor: 'v',
          status: 'known-good',
          after: '',
          limit: 50,
        }) as Array<{ detail: string }>
      ).map((r) => r.detail);
      assert.deepEqual(
        plan.filter((line) => /^SCAN/.test(line)),
        [],
        `${sql}\n${plan.join('\n')}`,
      );
      assert.ok(
        plan.some((line) => /stack_combinations_vendor/.test(line)),
        plan.join('\n'),
      );
    }
  });
});
