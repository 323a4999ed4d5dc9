import type { RecordKind } from '../domain/catalog-types.js';
import type { Db } from './open-database.js';

export interface NameHit {
  kind: RecordKind;
  id: string;
  name: string;
}

/** Alias resolution and full-text search over every name a record answers to. */
export function createNameRepository(db: Db) {
  const resolve = db.prepare('SELECT record_id FROM aliases WHERE kind = ? AND key = ?').pluck();
  const names = db.prepare('SELECT record_id AS id, name, key FROM aliases WHERE kind = ? ORDER BY record_id');
  // Trigram FTS needs three characters; shorter queries (two Chinese characters, `K1`) fall back to a scan of the small name index.
  const match = db.prepare(`SELECT kind, record_id AS id, text FROM search_index WHERE search_index MATCH @q
    AND (@kind IS NULL OR kind = @kind) ORDER BY rank LIMIT @limit`);
  const like = db.prepare(`SELECT kind, record_id AS id, text FROM search_index WHERE text LIKE @q ESCAPE '\\'
    AND (@kind IS NULL OR kind = @kind) ORDER BY length(text) LIMIT @limit`);
  return {
    resolve: (kind: RecordKind, key: string) => (resolve.get(kind, key) as string | undefined) ?? null,
    names: (kind: RecordKind) => names.all(kind) as Array<{ id: string; name: string; key: string }>,
    search(
      text: string,
      kind: RecordKind | null,
      limit: number,
    ): Array<{ kind: RecordKind; id: string; text: string }> {
      const rows =
        [...text].length >= 3
          ? match.all({ q: `"${text.replace(/"/g, '""')}"`, kind, limit })
          : like.all({ q: `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, kind, limit });
      return rows as Array<{ kind: RecordKind; id: string; text: string }>;
    },
  };
}

export type NameRepository = ReturnType<typeof createNameRepository>;
