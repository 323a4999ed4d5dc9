import type { Db } from './open-database.js';

export interface PublicKeyRecord {
  id: string;
  algorithm: 'Ed25519';
  publicKey: string;
  createdAt: string;
  retiredAt: string | null;
}

/** Public signing keys, current and retired. */
export function createSigningKeyRepository(db: Db) {
  const insert =
    db.prepare(`INSERT INTO signing_keys (id, algorithm, public_key, created_at) VALUES (@id, 'Ed25519', @publicKey, @createdAt)
    ON CONFLICT (id) DO NOTHING`);
  const retireOthers = db.prepare('UPDATE signing_keys SET retired_at = @at WHERE id != @id AND retired_at IS NULL');
  const list = db.prepare(
    `SELECT id, algorithm, public_key AS publicKey, created_at AS createdAt, retired_at AS retiredAt FROM signing_keys ORDER BY created_at, id`,
  );
  const byId = db.prepare(
    `SELECT id, algorithm, public_key AS publicKey, created_at AS createdAt, retired_at AS retiredAt FROM signing_keys WHERE id = ?`,
  );
  return {
    /** Records the current key (idempotent) and retires every other; true when it was new. */
    publish: (key: { id: string; publicKey: string }, at: string) => {
      const added = insert.run({ ...key, createdAt: at }).changes > 0;
      retireOthers.run({ id: key.id, at });
      return added;
    },
    list: () => list.all() as PublicKeyRecord[],
    get: (id: string) => (byId.get(id) as PublicKeyRecord | undefined) ?? null,
  };
}

export type SigningKeyRepository = ReturnType<typeof createSigningKeyRepository>;
