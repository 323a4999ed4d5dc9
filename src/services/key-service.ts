import { createHash, randomBytes } from 'node:crypto';
import type { AuditRepository } from '../db/audit-repository.js';
import type { KeyRepository, Role } from '../db/key-repository.js';
import type { Db } from '../db/open-database.js';
import type { NameResolver } from '../domain/name-resolver.js';
import { InvalidInputError, NotFoundError } from '../errors.js';

export interface Principal {
  keyId: string;
  role: Role;
  vendor: string | null;
}

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * Issues, lists, revokes and checks API keys. A key is `crk_<id>_<secret>` with 256 bits of
 * secret; the id is public (it names the key in lists and the audit log), only the hash of the
 * whole key is stored, and the key is shown once, when created.
 */
export function createKeyService(deps: {
  db: Db;
  keys: KeyRepository;
  audit: AuditRepository;
  names: NameResolver;
  now: () => Date;
}) {
  return {
    create(
      input: { role: Role; vendor?: string | null; label?: string | null },
      actor: string,
    ): { key: string; id: string } {
      if (input.role === 'vendor' && !input.vendor)
        throw new InvalidInputError('A vendor key needs a vendor.', [
          { pointer: '/vendor', detail: 'is required for role vendor' },
        ]);
      if (input.role !== 'vendor' && input.vendor)
        throw new InvalidInputError('Only vendor keys are bound to a vendor.', [
          { pointer: '/vendor', detail: `must be empty for role ${input.role}` },
        ]);
      const vendor = input.vendor ? deps.names.resolve('vendor', input.vendor) : null;
      const id = randomBytes(6).toString('hex');
      const key = `crk_${id}_${randomBytes(32).toString('base64url')}`;
      const at = deps.now().toISOString();
      deps.db
        .transaction(() => {
          deps.keys.insert({
            id,
            hash: hashSecret(key),
            role: input.role,
            vendor,
            label: input.label ?? null,
            createdAt: at,
          });
          deps.audit.append({
            at,
            actor,
            action: 'key.create',
            entity: `key:${id}`,
            payload: { id, role: input.role, vendor, label: input.label ?? null },
          });
        })
        .immediate();
      return { key, id };
    },
    list: () => deps.keys.list(),
    revoke(id: string, actor: string): void {
      const at = deps.now().toISOString();
      deps.db
        .transaction(() => {
          if (!deps.keys.revoke(id, at)) throw new NotFoundError(`No active key "${id}".`);
          deps.audit.append({ at, actor, action: 'key.revoke', entity: `key:${id}`, payload: { id } });
        })
        .immediate();
    },
    /** The principal of a presented key, or null when it is unknown or revoked. */
    authenticate(presented: string): Principal | null {
      if (!/^crk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/.test(presented)) return null;
      const record = deps.keys.findActiveByHash(hashSecret(presented));
      return record ? { keyId: record.id, role: record.role, vendor: record.vendor } : null;
    },
  };
}

export type KeyService = ReturnType<typeof createKeyService>;
