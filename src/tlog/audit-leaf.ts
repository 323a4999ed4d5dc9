import canonicalize from 'canonicalize';

/** The fields of an audit event a log leaf commits to (the chain hashes are left out: the tree replaces them). */
export interface AuditLeafFields {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  payloadHash: string;
}

/** The leaf of audit event `seq` (index seq − 1): the RFC 8785 canonical JSON of its fields, in UTF-8. */
export const auditLeaf = (e: AuditLeafFields): Buffer =>
  Buffer.from(
    canonicalize({
      seq: e.seq,
      at: e.at,
      actor: e.actor,
      action: e.action,
      entity: e.entity,
      payloadHash: e.payloadHash,
    })!,
    'utf8',
  );
