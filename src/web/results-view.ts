import type { Precision } from '../domain/vocabulary.js';
import type { Certification } from '../domain/certification-view.js';
import { levelRank, type Level } from '../domain/vocabulary.js';
import type { CsvColumn } from '../format/csv.js';
import type { CertificationService } from '../services/certification-service.js';
import { allPages } from '../services/keyset-page.js';
import { figuresOf, type Figures } from './figures.js';
import { precisionText, stackText } from './render/certification-table.js';

export const RESULT_SORTS = [
  'level',
  'model',
  'chip',
  'vendor',
  'date',
  'tps',
  'tpsDevice',
  'ttft',
  'tpot',
  'devices',
] as const;
export type ResultSort = (typeof RESULT_SORTS)[number];

export interface ResultFilters {
  model?: string;
  chip?: string;
  vendor?: string;
  precision?: Precision;
  scenario?: string;
  devices?: number;
  minLevel?: Level;
  status?: 'active' | 'all';
  sort?: ResultSort;
}

export interface ResultRow {
  certification: Certification;
  figures: Figures | null;
  /** Who stands behind the row: the submitting organisation, or the host of a declaration's public source. */
  submitter: string;
}

/** How many rows a page shows; the CSV twin carries every row of the view. */
export const RESULTS_SHOWN = 500;

function submitterOf(c: Certification): string {
  const given = (c as Certification & { submitter?: unknown }).submitter;
  if (typeof given === 'string') return given;
  if (given && typeof given === 'object' && typeof (given as { organization?: unknown }).organization === 'string')
    return (given as { organization: string }).organization;
  if (c.source) {
    try {
      return new URL(c.source.url).hostname;
    } catch {
      return c.source.url;
    }
  }
  return c.vendor;
}

const byNumber = (pick: (r: ResultRow) => number | undefined, descending: boolean) => (a: ResultRow, b: ResultRow) => {
  const x = pick(a);
  const y = pick(b);
  // Unmeasured rows go last whichever way the column sorts.
  if (x === undefined || y === undefined) return (x === undefined ? 1 : 0) - (y === undefined ? 1 : 0);
  return descending ? y - x : x - y;
};

const COMPARE: Record<ResultSort, (a: ResultRow, b: ResultRow) => number> = {
  level: (a, b) => levelRank(b.certification.level) - levelRank(a.certification.level),
  model: (a, b) => a.certification.model.localeCompare(b.certification.model),
  chip: (a, b) => a.certification.chip.localeCompare(b.certification.chip),
  vendor: (a, b) => a.certification.vendor.localeCompare(b.certification.vendor),
  date: (a, b) => b.certification.issuedAt.localeCompare(a.certification.issuedAt),
  tps: byNumber((r) => r.figures?.outputTokensPerSecond, true),
  tpsDevice: byNumber((r) => r.figures?.outputTokensPerSecondPerDevice, true),
  ttft: byNumber((r) => r.figures?.ttftP99Ms, false),
  tpot: byNumber((r) => r.figures?.tpotP99Ms, false),
  devices: byNumber((r) => r.figures?.devices ?? r.certification.devices ?? undefined, false),
};

/**
 * The results table: one row per certification or declaration under the filters, sorted; the
 * list filters run in the repository, scenario and devices on the rows (they live in the evidence).
 */
export function resultsView(deps: { certifications: CertificationService }, filters: ResultFilters) {
  const listed = allPages((p) =>
    deps.certifications.list(
      {
        model: filters.model,
        chip: filters.chip,
        vendor: filters.vendor,
        precision: filters.precision,
        minLevel: filters.minLevel,
        status: filters.status === 'all' ? undefined : 'active',
      },
      p,
    ),
  );
  let rows: ResultRow[] = listed.map((listedOne) => {
    // Only verified certifications have evidence to read figures from.
    const c = listedOne.verified ? deps.certifications.get(listedOne.id) : listedOne;
    return { certification: c, figures: figuresOf(c), submitter: submitterOf(c) };
  });
  if (filters.scenario) rows = rows.filter((r) => r.figures?.scenario === filters.scenario);
  if (filters.devices !== undefined)
    rows = rows.filter((r) => (r.figures?.devices ?? r.certification.devices) === filters.devices);
  const primary = COMPARE[filters.sort ?? 'level'];
  rows.sort(
    (a, b) =>
      primary(a, b) ||
      COMPARE.level(a, b) ||
      COMPARE.model(a, b) ||
      COMPARE.chip(a, b) ||
      a.certification.id.localeCompare(b.certification.id),
  );
  return { rows, total: rows.length, shown: rows.slice(0, RESULTS_SHOWN) };
}

export type ResultsView = ReturnType<typeof resultsView>;

/** The CSV twin of the results view: the same rows in the same order, figures as plain numbers. */
export const RESULT_COLUMNS: ReadonlyArray<CsvColumn<ResultRow>> = [
  { header: 'id', value: (r) => r.certification.id },
  { header: 'model', value: (r) => r.certification.model },
  { header: 'chip', value: (r) => r.certification.chip },
  { header: 'vendor', value: (r) => r.certification.vendor },
  { header: 'precision', value: (r) => precisionText(r.certification) },
  { header: 'scenario', value: (r) => r.figures?.scenario },
  { header: 'devices', value: (r) => r.figures?.devices ?? r.certification.devices },
  { header: 'concurrency', value: (r) => r.figures?.concurrency },
  { header: 'level', value: (r) => r.certification.level },
  { header: 'verified', value: (r) => r.certification.verified },
  { header: 'status', value: (r) => r.certification.status },
  { header: 'outputTokensPerSecond', value: (r) => r.figures?.outputTokensPerSecond },
  { header: 'outputTokensPerSecondPerDevice', value: (r) => r.figures?.outputTokensPerSecondPerDevice },
  { header: 'ttftP99Ms', value: (r) => r.figures?.ttftP99Ms },
  { header: 'tpotP99Ms', value: (r) => r.figures?.tpotP99Ms },
  { header: 'stack', value: (r) => stackText(r.certification) },
  { header: 'submitter', value: (r) => r.submitter },
  { header: 'date', value: (r) => r.certification.issuedAt.slice(0, 10) },
  { header: 'source', value: (r) => r.certification.source?.url },
];
