import type { RevokedStatus } from '../domain/vocabulary.js';
import { UnavailableError } from '../errors.js';
import { signCertificate } from '../signing/certificate-signature.js';
import type { SigningKey } from '../signing/signing-key-file.js';
import type { Certification } from '../domain/certification-view.js';
import type { CertificationService } from './certification-service.js';
import type { TransparencyLogService } from './transparency-log-service.js';

export interface RevocationEntry {
  id: string;
  model: string;
  chip: string;
  level: string;
  status: RevokedStatus;
  revokedAt: string | null;
  reason: string | null;
  supersededBy: string | null;
}

/**
 * The signed revocation list: every revoked and superseded certification, cut at a log checkpoint so a
 * verifier knows how fresh it is and that nothing logged before that point is missing from it.
 */
export function createRevocationListService(deps: {
  key: SigningKey | null;
  certifications: CertificationService;
  tlog: TransparencyLogService;
  now: () => Date;
}) {
  const all = (status: RevokedStatus) => {
    const out: Certification[] = [];
    let cursor: string | undefined;
    do {
      const page = deps.certifications.list({ status }, { limit: 500, cursor });
      out.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  };
  return {
    signed() {
      if (!deps.key) throw new UnavailableError('This server has no signing key, so it signs no revocation list.');
      // The checkpoint is taken first: every revocation it covers is in the list read after it.
      const treeSize = deps.tlog.sync();
      const checkpoint = deps.tlog.checkpointAt(Math.max(treeSize, 1));
      const items: RevocationEntry[] = [...all('revoked'), ...all('superseded')]
        .map((c) => ({
          id: c.id,
          model: c.model,
          chip: c.chip,
          level: c.level,
          status: c.status as RevokedStatus,
          revokedAt: c.revocation?.at ?? null,
          reason: c.revocation?.reason ?? null,
          supersededBy: c.supersededBy,
        }))
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const body = {
        schema: 'chipreg/revocations/v1',
        issuedAt: deps.now().toISOString(),
        log: { origin: deps.tlog.origin, treeSize, checkpoint },
        items,
      };
      const { certificate, signature } = signCertificate(body, deps.key);
      return { revocations: certificate, signature };
    },
  };
}

export type RevocationListService = ReturnType<typeof createRevocationListService>;
