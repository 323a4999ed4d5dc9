import type { Db } from './open-database.js';

export interface PublicKeyRecord {
  id: string;
  algorithm: 'Ed25519';
  publicKey: string;
  createdAt: string;
  retiredAt: string | null;
  /** When the key stopped being trusted at all, and why: signatures made with it no longer verify. */
  withdrawnAt: string | null;
  withdrawnReason: string | null;
}

/** Public signing keys, current and retired. */
export function createSigningKeyRepository(db: Db) {
  const insert =
    db.prepare(`INSERT INTO signing_keys (id, algorithm, public_key, created_at) VALUES (@id, 'Ed25519', @publicKey, @createdAt)
    ON CONFLICT (id) DO NOTHING`);
  const retireOthers = db.prepare('UPDATE signing_keys SET retired_at = @at WHERE id != @id AND retired_at IS NULL');
  const list = db.prepare(
    `SELECT id, algorithm, public_key AS publicKey, created_at AS createdAt, retired_at AS retiredAt,
      withdrawn_at AS withdrawnAt, withdrawn_reason AS withdrawnReason FROM signing_keys ORDER BY created_at, id`,
  );
  const byId = db.prepare(
    `SELECT id, algorithm, public_key AS publicKey, created_at AS createdAt, retired_at AS retiredAt,
      withdrawn_at AS withdrawnAt, withdrawn_reason AS withdrawnReason FROM signing_keys WHERE id = ?`,
  );
  const withdraw = db.prepare(
    `UPDATE signing_keys SET withdrawn_at = @at, withdrawn_reason = @reason WHERE id = @id AND withdrawn_at IS NULL`,
  );
  return {
    /** Marks a key withdrawn; false when it is unknown or already withdrawn. */
    withdraw: (id: string, reason: string, at: string) => withdraw.run({ id, reason, at }).changes > 0,
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
