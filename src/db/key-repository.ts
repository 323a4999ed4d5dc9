import type { Db } from './open-database.js';
import type { Role } from '../domain/vocabulary.js';

export type { Role };

export interface ApiKeyRecord {
  id: string;
  role: Role;
  vendor: string | null;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

const COLUMNS = 'id, role, vendor_id AS vendor, label, created_at AS createdAt, revoked_at AS revokedAt';

/** API keys, stored only as sha256 hashes of the secret. */
export function createKeyRepository(db: Db) {
  const insert = db.prepare(
    'INSERT INTO api_keys (id, hash, role, vendor_id, label, created_at) VALUES (@id, @hash, @role, @vendor, @label, @createdAt)',
  );
  const byHash = db.prepare(`SELECT ${COLUMNS} FROM api_keys WHERE hash = ? AND revoked_at IS NULL`);
  const list = db.prepare(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, id`);
  const revoke = db.prepare('UPDATE api_keys SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL');
  return {
    insert: (key: Omit<ApiKeyRecord, 'revokedAt'> & { hash: string }) => void insert.run(key),
    findActiveByHash: (hash: string) => (byHash.get(hash) as ApiKeyRecord | undefined) ?? null,
    list: () => list.all() as ApiKeyRecord[],
    revoke: (id: string, at: string) => revoke.run({ id, at }).changes > 0,
  };
}

export type KeyRepository = ReturnType<typeof createKeyRepository>;
