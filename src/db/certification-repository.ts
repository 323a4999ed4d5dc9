import type { Db } from './open-database.js';
import { createEvidenceStore } from './evidence-store.js';
import { createMatrixCells, type MatrixFilter } from './matrix-cells.js';
import type { Certification, CertificationEvidence } from '../domain/certification-view.js';
import type { Headline } from '../domain/submission-v2.js';
import type { CertificationStatus, Level, Precision } from '../domain/vocabulary.js';
import type { StackComponent } from '../domain/catalog-types.js';

interface CertificationRow {
  seq: number;
  /** JSON of the immutable public facts (`CertificationFacts`). */
  facts: string;
  superseded_by: string | null;
  revoked_at: string | null;
  revoked_reason: string | null;
  headline: string | null;
  /** Selected only for single certifications: the evidence's JSON text, read from the evidence store. */
  evidence?: string | null;
  status: CertificationStatus;
}

/** Facts plus what changes over time (status, supersession, revocation) make the public certification. */
function toCertification(row: CertificationRow): Certification {
  // Completing the parsed object in place is several times cheaper than spreading it into a new one.
  const view = JSON.parse(row.facts) as Certification;
  view.status = row.status;
  view.supersededBy = row.superseded_by;
  view.revocation = row.revoked_at ? { at: row.revoked_at, reason: row.revoked_reason ?? '' } : null;
  view.headline = row.headline ? (JSON.parse(row.headline) as Headline) : null;
  if (row.evidence) view.evidence = JSON.parse(row.evidence) as CertificationEvidence;
  return view;
}

/**
 * The public certification as JSON text, built from the stored texts: the facts (written by JSON.stringify,
 * without the keys added here) spliced with the changing members in the order `toCertification` adds them,
 * so the bytes equal `JSON.stringify(toCertification(row))` without parsing and re-serialising the facts.
 */
function certificationJson(row: CertificationRow): string {
  const facts = row.facts;
  if (facts.length < 3 || facts.charCodeAt(0) !== 123 || facts.charCodeAt(facts.length - 1) !== 125)
    return JSON.stringify(toCertification(row));
  const revocation = row.revoked_at ? JSON.stringify({ at: row.revoked_at, reason: row.revoked_reason ?? '' }) : 'null';
  return `${facts.slice(0, -1)},"status":"${row.status}","supersededBy":${
    row.superseded_by === null ? 'null' : JSON.stringify(row.superseded_by)
  },"revocation":${revocation},"headline":${row.headline ?? 'null'}}`;
}

/** A listed certification as JSON text (see `certificationJson`). */
export interface ListedCertificationJson {
  seq: number;
  json: string;
}

/**
 * A certification of a model × chip pair with what a compatibility answer compares (read from the facts in
 * SQL), and the whole certification parsed only for the few the answer shows.
 */
export interface PairCandidate {
  level: Level;
  verified: boolean;
  status: CertificationStatus;
  precision: Precision | null;
  precisions: Precision[];
  form: string | null;
  stack: StackComponent[];
  certification(): Certification;
}

interface PairRow extends CertificationRow {
  f_level: Level;
  f_verified: number;
  f_precision: Precision | null;
  f_precisions: string;
  f_form: string | null;
  f_stack: string;
}

/** A listed certification with its storage order, which keyset cursors page on. */
export interface ListedCertification {
  seq: number;
  certification: Certification;
}

/** The fields a certification list can be faceted on, and the column each counts. */
const FACET_COLUMNS = {
  level: 'c.level',
  status: 'status',
  chip: 'c.chip_id',
  model: 'c.model_id',
  vendor: 'c.vendor_id',
  deployment: 'c.form',
} as const;
export type Facet = keyof typeof FACET_COLUMNS;
export const FACETS = Object.keys(FACET_COLUMNS) as readonly Facet[];

export interface CertificationFilter {
  model?: string;
  chip?: string;
  vendor?: string;
  /** Any of these precisions (a weight-dtype query expands to several). */
  precisions?: string[];
  form?: string;
  minLevel?: number;
  status?: string;
}

/** Status is computed, never stored, so lists, lookups and the matrix always agree. */
const STATUS = `CASE WHEN c.revoked_at IS NOT NULL THEN 'revoked' WHEN c.superseded_by IS NOT NULL THEN 'superseded'
  WHEN c.valid_until IS NOT NULL AND c.valid_until <= @now THEN 'expired' ELSE 'active' END`;
// Few columns on purpose: each one costs a property per row in better-sqlite3, and lists are the hot path.
const COLUMNS = `c.seq, c.facts, c.superseded_by, c.revoked_at, c.revoked_reason, c.headline, ${STATUS} AS status`;

function where(filter: CertificationFilter): string {
  const parts = ['1 = 1'];
  if (filter.model) parts.push('c.model_id = @model');
  if (filter.chip) parts.push('c.chip_id = @chip');
  if (filter.vendor) parts.push('c.vendor_id = @vendor');
  if (filter.form) parts.push('c.form = @form');
  if (filter.minLevel !== undefined) parts.push('c.level >= @minLevel');
  if (filter.precisions)
    parts.push(
      `EXISTS (SELECT 1 FROM certification_precisions p WHERE p.certification_seq = c.seq
        AND p.precision IN (SELECT value FROM json_each(@precisions)))`,
    );
  if (filter.status) parts.push(`${STATUS} = @status`);
  return parts.join(' AND ');
}

/** All SQL over certifications: filtered keyset pages, single lookups, per-pair candidates and the matrix. */
export function createCertificationRepository(db: Db) {
  const byId = db.prepare(`SELECT ${COLUMNS}, c.evidence_id FROM certifications c WHERE c.id = @id`);
  const evidence = createEvidenceStore(db);
  const cells = createMatrixCells(db);
  const forPair = db.prepare(
    `SELECT ${COLUMNS} FROM certifications c WHERE c.model_id = @model AND c.chip_id = @chip ORDER BY c.level DESC, c.seq DESC`,
  );
  const pairCandidates = db.prepare(
    `SELECT ${COLUMNS}, json_extract(c.facts, '$.level') AS f_level, json_extract(c.facts, '$.verified') AS f_verified,
      json_extract(c.facts, '$.precision') AS f_precision, json_extract(c.facts, '$.precisions') AS f_precisions,
      json_extract(c.facts, '$.form') AS f_form, json_extract(c.facts, '$.stack') AS f_stack
    FROM certifications c WHERE c.model_id = @model AND c.chip_id = @chip ORDER BY c.level DESC, c.seq DESC`,
  );
  const pages = new Map<string, ReturnType<Db['prepare']>>();
  const params = (filter: CertificationFilter, now: string) => ({
    ...filter,
    precisions: filter.precisions ? JSON.stringify(filter.precisions) : undefined,
    now,
  });

  const page = (filter: CertificationFilter, now: string, afterSeq: number, limit: number) => {
    const sql = `SELECT ${COLUMNS} FROM certifications c WHERE ${where(filter)} AND c.seq > @after ORDER BY c.seq LIMIT @limit`;
    let stmt = pages.get(sql);
    if (!stmt) pages.set(sql, (stmt = db.prepare(sql)));
    return stmt.all({ ...params(filter, now), after: afterSeq, limit }) as CertificationRow[];
  };

  return {
    list(filter: CertificationFilter, now: string, afterSeq: number, limit: number): ListedCertification[] {
      return page(filter, now, afterSeq, limit).map((row) => ({ seq: row.seq, certification: toCertification(row) }));
    },
    /** The same page as `list`, each certification as its JSON text. */
    listJson(filter: CertificationFilter, now: string, afterSeq: number, limit: number): ListedCertificationJson[] {
      return page(filter, now, afterSeq, limit).map((row) => ({ seq: row.seq, json: certificationJson(row) }));
    },
    /** Counts per value of one column under the same filters, most frequent first (Datasette-style facets). */
    facet(filter: CertificationFilter, now: string, facet: Facet, limit: number) {
      const value = facet === 'status' ? STATUS : FACET_COLUMNS[facet];
      const sql = `SELECT ${value} AS value, count(*) AS count FROM certifications c WHERE ${where(filter)}
        GROUP BY 1 ORDER BY count DESC, value LIMIT @limit`;
      return db.prepare(sql).all({ ...params(filter, now), limit }) as Array<{
        value: string | number | null;
        count: number;
      }>;
    },
    get(id: string, now: string): Certification | null {
      const row = byId.get({ id, now }) as (CertificationRow & { evidence_id: number | null }) | undefined;
      if (!row) return null;
      if (row.evidence_id !== null) row.evidence = evidence.text(row.evidence_id);
      return toCertification(row);
    },
    /**
     * The pair's certifications in `forPair` order, as candidates: a popular pair has thousands, and parsing
     * each one's facts is what a compatibility answer spent its time on. Equal stacks and precision lists
     * (most of them) are parsed once.
     */
    pairCandidates(model: string, chip: string, now: string): PairCandidate[] {
      const parsed = new Map<string, unknown>();
      const parse = <T>(text: string): T => {
        let value = parsed.get(text);
        if (value === undefined) parsed.set(text, (value = JSON.parse(text)));
        return value as T;
      };
      return (pairCandidates.all({ model, chip, now }) as PairRow[]).map((row) => ({
        level: row.f_level,
        verified: row.f_verified === 1,
        status: row.status,
        precision: row.f_precision,
        precisions: parse<Precision[]>(row.f_precisions),
        form: row.f_form,
        stack: parse<StackComponent[]>(row.f_stack),
        certification: () => toCertification(row),
      }));
    },
    forPair: (model: string, chip: string, now: string): Certification[] =>
      (forPair.all({ model, chip, now }) as CertificationRow[]).map(toCertification),
    /**
     * The matrix: per model × chip, the best level among active certifications (declarations count as L0) meeting
     * the filter, with the ids of the active ones at it; read from the cells maintained on write (matrix-cells.ts).
     */
    matrix: (filter: MatrixFilter, now: string) => cells.read(filter, now),
    /**
     * The same answer aggregated over every live certification, as the matrix was read before it was maintained:
     * the reference the maintained cells are specified against (test/unit/matrix-cells.test.ts), not a request path.
     */
    matrixAggregate(filter: MatrixFilter, now: string) {
      const parts = [
        'c.revoked_at IS NULL',
        'c.superseded_by IS NULL',
        '(c.valid_until IS NULL OR c.valid_until > @now)',
        'c.level >= @minLevel',
      ];
      if (filter.chips) parts.push('c.chip_id IN (SELECT value FROM json_each(@chips))');
      if (filter.models) parts.push('c.model_id IN (SELECT value FROM json_each(@models))');
      if (filter.precision)
        parts.push(
          'EXISTS (SELECT 1 FROM certification_precisions p WHERE p.certification_seq = c.seq AND p.precision = @precision)',
        );
      // Ids in the order the scan of the live index gave them (migration 1's certifications_live, dropped by 9) when
      // unfiltered: a filter by chips went through another index and listed them in storage order.
      const sql = `SELECT c.model_id, c.chip_id, c.level, group_concat(c.id, ' ' ORDER BY c.valid_until, c.id) FROM certifications c
        WHERE ${parts.join(' AND ')} GROUP BY c.model_id, c.chip_id, c.level ORDER BY c.model_id, c.chip_id, c.level DESC`;
      const rows = db
        .prepare(sql)
        .raw()
        .all({
          now,
          minLevel: filter.minLevel,
          precision: filter.precision,
          chips: filter.chips ? JSON.stringify(filter.chips) : undefined,
          models: filter.models ? JSON.stringify(filter.models) : undefined,
        }) as Array<[model: string, chip: string, level: number, ids: string]>;
      // Rows arrive best level first per pair: the first row of a pair is its cell.
      return rows.filter((r, i) => i === 0 || rows[i - 1]![0] !== r[0] || rows[i - 1]![1] !== r[1]);
    },
  };
}

export type CertificationRepository = ReturnType<typeof createCertificationRepository>;
