import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createEvidenceStore } from '../../src/db/evidence-store.js';
import { openDatabase } from '../../src/db/open-database.js';

/** Specification: evidence is stored once per distinct JSON text, compressed, and read back byte for byte. */
describe('the evidence store', () => {
  it('reads back exactly the text written, whatever it holds', () => {
    const db = openDatabase(':memory:');
    const store = createEvidenceStore(db);
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify({ checks: [value], os: '中文 ✓' });
        assert.equal(store.text(store.put(text)), text);
      }),
      { numRuns: 200 },
    );
  });

  it('stores identical evidence once and different evidence apart, compressed', () => {
    const db = openDatabase(':memory:');
    const store = createEvidenceStore(db);
    const checks = Array.from({ length: 34 }, (_, i) => ({ id: `l2.check.${i}`, status: 'pass', message: 'met' }));
    const a = JSON.stringify({ modelRevision: 'a', os: null, checks });
    const b = JSON.stringify({ modelRevision: 'b', os: null, checks });
    assert.equal(store.put(a), store.put(a));
    assert.notEqual(store.put(a), store.put(b));
    assert.equal(db.prepare('SELECT count(*) FROM evidence').pluck().get(), 2);
    const stored = db.prepare('SELECT length(body) FROM evidence WHERE id = ?').pluck().get(store.put(a)) as number;
    assert.ok(stored < a.length / 4, `${stored} bytes for ${a.length}`);
  });
});
