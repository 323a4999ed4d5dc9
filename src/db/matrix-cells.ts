import { PRECISIONS } from '../domain/vocabulary.js';
import type { Db } from './open-database.js';

/** One matrix cell as stored: precision ('' = any), pair, best active level and the certifications at it. */
type Cell = [precision: string, model: string, chip: string, level: number, ids: string];

interface LiveRow {
  id: string;
  level: number;
  valid_until: string | null;
  precision: string | null;
}

/** Ids in the order the matrix always listed them unfiltered: no end of validity first, then by end, then by id. */
function byValidityThenId(a: LiveRow, b: LiveRow): number {
  if (a.valid_until !== b.valid_until) {
    if (a.valid_until === null) return -1;
    if (b.valid_until === null) return 1;
    return a.valid_until < b.valid_until ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The cells of one pair at `now`, from its certifications that are neither revoked nor superseded (a row per precision). */
export function pairCells(model: string, chip: string, rows: LiveRow[], now: string): Cell[] {
  const active = new Map<string, { row: LiveRow; precisions: string[] }>();
  for (const row of rows) {
    if (row.valid_until !== null && row.valid_until <= now) continue;
    const seen = active.get(row.id);
    if (seen) {
      if (row.precision !== null) seen.precisions.push(row.precision);
    } else active.set(row.id, { row, precisions: row.precision === null ? [] : [row.precision] });
  }
  const groups = new Map<string, LiveRow[]>([['', []]]);
  for (const { row, precisions } of active.values()) {
    groups.get('')!.push(row);
    for (const p of precisions) {
      let group = groups.get(p);
      if (!group) groups.set(p, (group = []));
      group.push(row);
    }
  }
  const cells: Cell[] = [];
  for (const [precision, group] of groups) {
    if (group.length === 0) continue;
    let best = 0;
    for (const r of group) if (r.level > best) best = r.level;
    const ids = group
      .filter((r) => r.level === best)
      .sort(byValidityThenId)
      .map((r) => r.id)
      .join(' ');
    cells.push([precision, model, chip, best, ids]);
  }
  return cells;
}

const pairKey = (model: string, chip: string) => `${model}\u0000${chip}`;

function statements(db: Db) {
  return {
    live: db.prepare(`SELECT c.id, c.level, c.valid_until, p.precision FROM certifications c
      LEFT JOIN certification_precisions p ON p.certification_seq = c.seq
      WHERE c.model_id = ? AND c.chip_id = ? AND c.revoked_at IS NULL AND c.superseded_by IS NULL`),
    at: db.prepare(`SELECT value FROM meta WHERE key = 'matrix_at'`).pluck(),
    setAt: db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('matrix_at', ?)`),
    dirty: db.prepare('SELECT model_id, chip_id FROM matrix_dirty').raw(),
    // A certification is active at T when its validity ends after T: between two instants, only those ending in
    // between change.
    endingBetween: db
      .prepare(
        `SELECT DISTINCT model_id, chip_id FROM certifications
        WHERE valid_until > @from AND valid_until <= @to AND revoked_at IS NULL AND superseded_by IS NULL`,
      )
      .raw(),
  };
}

type Statements = ReturnType<typeof statements>;

/** Pairs whose stored cells (as of `matrix_at`) may differ from the matrix at `now`. */
function stalePairs(s: Statements, now: string): Array<[string, string]> {
  const pairs = s.dirty.all() as Array<[string, string]>;
  const at = s.at.get() as string | undefined;
  if (at === undefined || at === now) return pairs;
  const range = at < now ? { from: at, to: now } : { from: now, to: at };
  const seen = new Set(pairs.map(([m, c]) => pairKey(m, c)));
  for (const [m, c] of s.endingBetween.all(range) as Array<[string, string]>)
    if (!seen.has(pairKey(m, c))) pairs.push([m, c]);
  return pairs;
}

const compute = (s: Statements, model: string, chip: string, now: string) =>
  pairCells(model, chip, s.live.all(model, chip) as LiveRow[], now);

/**
 * Brings the stored cells to `now`: the pairs a write touched (listed by the triggers of migration 9) and those
 * with a validity ending since the cells' instant are recomputed. Run inside the transaction of every write to
 * certifications, so the committed matrix is always whole.
 */
export function refreshMatrixPairs(db: Db, now: string, s: Statements = statements(db)): number {
  const stale = stalePairs(s, now);
  const keys = ['', ...PRECISIONS].map((p) => `'${p}'`).join(', ');
  const clear = db.prepare(`DELETE FROM matrix_cells WHERE precision IN (${keys}) AND model_id = ? AND chip_id = ?`);
  const cell = db.prepare('INSERT INTO matrix_cells (precision, model_id, chip_id, level, ids) VALUES (?, ?, ?, ?, ?)');
  for (const [model, chip] of stale) {
    clear.run(model, chip);
    for (const c of compute(s, model, chip, now)) cell.run(c);
  }
  db.prepare('DELETE FROM matrix_dirty').run();
  s.setAt.run(now);
  return stale.length;
}

export interface MatrixFilter {
  chips?: string[];
  models?: string[];
  minLevel: number;
  precision?: string;
}

/** Reads of the maintained matrix, and the writers' refresh. */
export function createMatrixCells(db: Db) {
  const s = statements(db);
  const reads = new Map<string, ReturnType<Db['prepare']>>();
  return {
    refresh: (now: string) => refreshMatrixPairs(db, now, s),
    /**
     * Cells in model, chip order. Pairs that differ at `now` from the stored instant (a validity ended since the last
     * write, or a clock before it) are recomputed here, in memory: reads never write (replicas are read-only).
     */
    read(filter: MatrixFilter, now: string): Array<[model: string, chip: string, level: number, ids: string]> {
      const parts = ['precision = @precision', 'level >= @minLevel'];
      if (filter.chips) parts.push('chip_id IN (SELECT value FROM json_each(@chips))');
      if (filter.models) parts.push('model_id IN (SELECT value FROM json_each(@models))');
      const sql = `SELECT model_id, chip_id, level, ids FROM matrix_cells WHERE ${parts.join(' AND ')}
        ORDER BY model_id, chip_id`;
      let stmt = reads.get(sql);
      if (!stmt) reads.set(sql, (stmt = db.prepare(sql).raw()));
      const precision = filter.precision ?? '';
      const rows = stmt.all({
        precision,
        minLevel: filter.minLevel,
        chips: filter.chips ? JSON.stringify(filter.chips) : undefined,
        models: filter.models ? JSON.stringify(filter.models) : undefined,
      }) as Array<[string, string, number, string]>;
      const stale = stalePairs(s, now);
      if (stale.length === 0) return rows;
      const chips = filter.chips && new Set(filter.chips);
      const models = filter.models && new Set(filter.models);
      const staleKeys = new Set(stale.map(([m, c]) => pairKey(m, c)));
      const fresh = stale
        .filter(([m, c]) => (!models || models.has(m)) && (!chips || chips.has(c)))
        .flatMap(([m, c]) => compute(s, m, c, now))
        .filter((c) => c[0] === precision && c[3] >= filter.minLevel)
        .map((c): [string, string, number, string] => [c[1], c[2], c[3], c[4]]);
      return [...rows.filter(([m, c]) => !staleKeys.has(pairKey(m, c))), ...fresh].sort((a, b) =>
        a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0,
      );
    },
  };
}

export type MatrixCells = ReturnType<typeof createMatrixCells>;
