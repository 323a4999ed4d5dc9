import type { AuditLeafFields } from '../tlog/audit-leaf.js';
import type { Db } from './open-database.js';

export interface StoredCosignature {
  treeSize: number;
  rootHash: Buffer;
  witness: string;
  keyId: number;
  timestamp: number;
  line: string;
  receivedAt: string;
}

/** What the transparency log reads from the audit log, and the witnesses' cosignatures it keeps. */
export function createTlogRepository(db: Db) {
  const events = db.prepare(`SELECT seq, at, actor, action, entity, payload_hash AS payloadHash
    FROM audit_log WHERE seq > @after ORDER BY seq LIMIT @limit`);
  const firstEvent = db
    .prepare('SELECT seq FROM audit_log WHERE entity = @entity AND action = @action ORDER BY seq LIMIT 1')
    .pluck();
  const insertCosig =
    db.prepare(`INSERT INTO tlog_cosignatures (tree_size, root_hash, witness, key_id, timestamp, line, received_at)
    VALUES (@treeSize, @rootHash, @witness, @keyId, @timestamp, @line, @receivedAt) ON CONFLICT DO NOTHING`);
  // The newest cosignature of each witness key for one tree size.
  const cosigsFor = db.prepare(`SELECT tree_size AS treeSize, root_hash AS rootHash, witness, key_id AS keyId,
      max(timestamp) AS timestamp, line, received_at AS receivedAt
    FROM tlog_cosignatures WHERE tree_size = ? GROUP BY witness, key_id ORDER BY witness, key_id`);
  return {
    /** Audit events after seq `after`, in order, as leaf fields. */
    eventsAfter: (after: number, limit: number) => events.all({ after, limit }) as AuditLeafFields[],
    /** The seq of the first event of `action` on `entity`, or null. */
    firstEventSeq: (entity: string, action: string) =>
      (firstEvent.get({ entity, action }) as number | undefined) ?? null,
    addCosignature: (c: StoredCosignature) => insertCosig.run(c).changes > 0,
    cosignaturesFor: (treeSize: number) => cosigsFor.all(treeSize) as StoredCosignature[],
  };
}

export type TlogRepository = ReturnType<typeof createTlogRepository>;
