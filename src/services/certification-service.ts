import type { CertificationRepository } from '../db/certification-repository.js';
import type { DeploymentForm, Precision } from '../domain/catalog-types.js';
import { levelRank, toCertification, type Level } from '../domain/certification-view.js';
import type { NameResolver } from '../domain/name-resolver.js';
import { NotFoundError } from '../errors.js';
import { decodeCursor, encodeCursor } from './cursor.js';

export interface CertificationQuery {
  model?: string;
  chip?: string;
  vendor?: string;
  precision?: Precision;
  deployment?: DeploymentForm;
  minLevel?: Level;
  status?: 'active' | 'expired' | 'superseded' | 'revoked';
}

/** Lists and single certifications; filters take ids or aliases. */
export function createCertificationService(deps: { names: NameResolver; certifications: CertificationRepository; now: () => Date }) {
  return {
    list(query: CertificationQuery, paging: { limit: number; cursor?: string }) {
      const filter = {
        model: query.model ? deps.names.resolve('model', query.model) : undefined,
        chip: query.chip ? deps.names.resolve('chip', query.chip) : undefined,
        vendor: query.vendor ? deps.names.resolve('vendor', query.vendor) : undefined,
        precision: query.precision,
        form: query.deployment,
        minLevel: query.minLevel ? levelRank(query.minLevel) : undefined,
        status: query.status,
      };
      const afterSeq = paging.cursor ? decodeCursor<number>(paging.cursor, 'number') : 0;
      const rows = deps.certifications.list(filter, deps.now().toISOString(), afterSeq, paging.limit + 1);
      const items = rows.slice(0, paging.limit);
      return {
        items: items.map(toCertification),
        nextCursor: rows.length > paging.limit ? encodeCursor(items[items.length - 1]!.seq) : null,
      };
    },
    get(id: string) {
      const row = deps.certifications.get(id, deps.now().toISOString());
      if (!row) throw new NotFoundError(`No certification "${id}".`);
      return toCertification(row);
    },
  };
}

export type CertificationService = ReturnType<typeof createCertificationService>;
