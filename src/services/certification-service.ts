import {
  FACETS,
  type CertificationFilter,
  type CertificationRepository,
  type Facet,
} from '../db/certification-repository.js';
import type { DeploymentForm, Precision } from '../domain/catalog-types.js';
import { levelName, levelRank, type Level } from '../domain/vocabulary.js';
import type { NameResolver } from '../domain/name-resolver.js';
import { NotFoundError } from '../errors.js';
import { precisionQuery } from '../domain/precision-parts.js';
import { keysetPage, type Paging } from './keyset-page.js';
import type { CertificationStatus } from '../domain/vocabulary.js';

export { FACETS, type Facet };

export interface CertificationQuery {
  model?: string;
  chip?: string;
  vendor?: string;
  precision?: Precision;
  deployment?: DeploymentForm;
  minLevel?: Level;
  status?: CertificationStatus;
}

/** Lists and single certifications; filters take ids or aliases. */
export function createCertificationService(deps: {
  names: NameResolver;
  certifications: CertificationRepository;
  now: () => Date;
}) {
  function listPage<T>(
    query: CertificationQuery,
    paging: Paging,
    facets: readonly Facet[],
    fetch: (filter: CertificationFilter, now: string, after: number, n: number) => Array<{ seq: number; item: T }>,
  ) {
    // `precision=int8` matches every deployment with int8 weights (int8, w8a8, w8a16); the answer says which.
    const precisionMatch = query.precision ? { requested: query.precision, ...precisionQuery(query.precision) } : null;
    const filter = {
      model: query.model ? deps.names.resolve('model', query.model) : undefined,
      chip: query.chip ? deps.names.resolve('chip', query.chip) : undefined,
      vendor: query.vendor ? deps.names.resolve('vendor', query.vendor) : undefined,
      precisions: precisionMatch?.matches,
      form: query.deployment,
      minLevel: query.minLevel ? levelRank(query.minLevel) : undefined,
      status: query.status,
    };
    const now = deps.now().toISOString();
    const page = keysetPage(
      paging,
      'number',
      (after: number, n) => fetch(filter, now, after, n),
      (listed) => listed.seq,
      (listed) => listed.item,
    );
    const answered = precisionMatch ? { ...page, precision: precisionMatch } : page;
    if (!facets.length) return answered;
    const counts = Object.fromEntries(
      facets.map((name) => {
        // One more than shown tells whether the list was cut.
        const rows = deps.certifications.facet(filter, deps.now().toISOString(), name, 31);
        const values = rows.slice(0, 30).map((r) => ({
          value: name === 'level' && typeof r.value === 'number' ? levelName(r.value) : r.value,
          count: r.count,
        }));
        return [name, { values, truncated: rows.length > 30 }];
      }),
    );
    return { ...answered, facets: counts };
  }

  return {
    list: (query: CertificationQuery, paging: Paging, facets: readonly Facet[] = []) =>
      listPage(query, paging, facets, (filter, now, after, n) =>
        deps.certifications.list(filter, now, after, n).map((l) => ({ seq: l.seq, item: l.certification })),
      ),
    /** The same page as `list`, each certification as its JSON text (what a JSON answer splices in). */
    listJson: (query: CertificationQuery, paging: Paging, facets: readonly Facet[] = []) =>
      listPage(query, paging, facets, (filter, now, after, n) =>
        deps.certifications.listJson(filter, now, after, n).map((l) => ({ seq: l.seq, item: l.json })),
      ),
    /** The certification, or null when there is none by that id. */
    find: (id: string) => deps.certifications.get(id, deps.now().toISOString()),
    get(id: string) {
      const certification = deps.certifications.get(id, deps.now().toISOString());
      if (!certification) throw new NotFoundError(`No certification "${id}".`);
      return certification;
    },
  };
}

export type CertificationService = ReturnType<typeof createCertificationService>;
