import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Db } from './open-database.js';
import { requestHash } from '../domain/request-hash.js';

export interface AuditEvent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  payloadHash: string;
  prevHash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The hash of one event: RFC 8785 canonical JSON of every field but `hash`, chained through `prevHash`. */
export function eventHash(e: Omit<AuditEvent, 'hash'>): string {
  return sha256(
    canonicalize({
      seq: e.seq,
      at: e.at,
      actor: e.actor,
      action: e.action,
      entity: e.entity,
      payloadHash: e.payloadHash,
      prevHash: e.prevHash,
    })!,
  );
}

export interface AuditVerification {
  valid: boolean;
  events: number;
  /** The first event whose chain is broken, and why. */
  brokenAt: number | null;
  reason: string | null;
}

/**
 * The append-only audit log. `append` must run inside the transaction of the write it records,
 * so the write and its event commit or roll back together. The head (count and last hash) is
 * mirrored in `meta` so a truncated tail is detected too.
 */
export function createAuditRepository(db: Db) {
  const head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare(`INSERT INTO audit_log (seq, at, actor, action, entity, payload_hash, prev_hash, hash)
    VALUES (@seq, @at, @actor, @action, @entity, @payloadHash, @prevHash, @hash)`);
  const setHead = db.prepare(
    `INSERT INTO meta (key, value) VALUES ('audit_head', @head) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );
  const getHead = db.prepare(`SELECT value FROM meta WHERE key = 'audit_head'`).pluck();
  const page =
    db.prepare(`SELECT seq, at, actor, action, entity, payload_hash AS payloadHash, prev_hash AS prevHash, hash
    FROM audit_log WHERE seq > @after ORDER BY seq LIMIT @limit`);

  return {
    append(event: { at: string; actor: string; action: string; entity: string; payload: unknown }): AuditEvent {
      const last = head.get() as { seq: number; hash: string } | undefined;
      const base = {
        seq: (last?.seq ?? 0) + 1,
        at: event.at,
        actor: event.actor,
        action: event.action,
        entity: event.entity,
        payloadHash: requestHash(event.payload),
        prevHash: last?.hash ?? GENESIS,
      };
      const full = { ...base, hash: eventHash(base) };
      insert.run(full);
      setHead.run({ head: `${full.seq}:${full.hash}` });
      return full;
    },
    list: (afterSeq: number, limit: number) => page.all({ after: afterSeq, limit }) as AuditEvent[],
    verify(): AuditVerification {
      let prev = GENESIS;
      let expectedSeq = 1;
      let count = 0;
      const fail = (seq: number, reason: string): AuditVerification => ({
        valid: false,
        events: count,
        brokenAt: seq,
        reason,
      });
      for (const row of db
        .prepare(
          `SELECT seq, at, actor, action, entity, payload_hash AS payloadHash, prev_hash AS prevHash, hash
          FROM audit_log ORDER BY seq`,
        )
        .iterate() as IterableIterator<AuditEvent>) {
        count++;
        if (row.seq !== expectedSeq)
          return fail(row.seq, `event ${expectedSeq} is missing (found ${row.seq} after ${expectedSeq - 1})`);
        if (row.prevHash !== prev)
          return fail(
            row.seq,
            `event ${row.seq} does not follow event ${row.seq - 1} (prevHash mismatch: a row was edited, removed or reordered)`,
          );
        if (eventHash(row) !== row.hash)
          return fail(row.seq, `event ${row.seq} was altered (its hash does not match its content)`);
        prev = row.hash;
        expectedSeq++;
      }
      const recorded = (getHead.get() as string | undefined) ?? null;
      const actual = count ? `${expectedSeq - 1}:${prev}` : null;
      if (recorded !== actual)
        return fail(
          expectedSeq,
          `the log ends at ${actual ?? 'nothing'} but its recorded head is ${recorded ?? 'nothing'} (events were removed from the end)`,
        );
      return { valid: true, events: count, brokenAt: null, reason: null };
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
