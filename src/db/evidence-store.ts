import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Db } from './open-database.js';

/**
 * Raw deflate, level 9: ~6.3 KiB of check results become ~1.4 KB in ~0.5 ms. Brotli gave the same size at
 * quality 9 (and 90 ms per call with its default 4 MiB window), 1.2 KB only at quality 11 (33 ms).
 */
export const compressEvidence = (text: string): Buffer => deflateRawSync(text, { level: 9 });

/**
 * Evidence summaries stored apart from the listed rows, once per distinct content: the key is the SHA-256 of the
 * exact JSON text written, and reading returns that text byte for byte (so answers and pages are unchanged).
 */
export function createEvidenceStore(db: Db) {
  const find = db.prepare('SELECT id FROM evidence WHERE hash = ?').pluck();
  const insert = db.prepare(`INSERT INTO evidence (hash, codec, body) VALUES (?, 'deflate-raw', ?)`);
  const body = db.prepare('SELECT body FROM evidence WHERE id = ?').pluck();
  return {
    /** The id of this JSON text's evidence row, written (compressed) when it is new. */
    put(text: string): number {
      const hash = createHash('sha256').update(text).digest();
      const id = find.get(hash) as number | undefined;
      return id ?? Number(insert.run(hash, compressEvidence(text)).lastInsertRowid);
    },
    /** The JSON text stored under `id`. */
    text(id: number): string | null {
      const stored = body.get(id) as Buffer | undefined;
      return stored ? inflateRawSync(stored).toString('utf8') : null;
    },
  };
}

/** Migration 9: every certification's inline evidence moves to the evidence table (the column is dropped after). */
export function moveEvidenceApart(db: Db): void {
  const store = createEvidenceStore(db);
  const page = db.prepare(
    'SELECT seq, evidence FROM certifications WHERE evidence IS NOT NULL AND seq > ? ORDER BY seq LIMIT 1000',
  );
  const link = db.prepare('UPDATE certifications SET evidence_id = ? WHERE seq = ?');
  // In pages: better-sqlite3 runs no other statement while one is being iterated.
  for (let after = 0; ;) {
    const rows = page.all(after) as Array<{ seq: number; evidence: string }>;
    if (rows.length === 0) return;
    for (const row of rows) link.run(store.put(row.evidence), row.seq);
    after = rows[rows.length - 1]!.seq;
  }
}
