import type { Db } from './open-database.js';

/** One matrix cell as stored: precision ('' = any), pair, best active level and the certifications at it. */
type Cell = [precision: string, model: string, chip: string, level: number, ids: string];

/** A pair's cells as they are for every instant in [from, to) (null: unbounded). */
interface PairState {
  from: string | null;
  to: string | null;
  cells: Cell[];
}

interface LiveRow {
  id: string;
  level: number;
  valid_until: string | null;
  precision: string | null;
}

/** Ids in the order the live index lists a pair's level: no end of validity first, then by end, then by id. */
function byValidityThenId(a: LiveRow, b: LiveRow): number {
  if (a.valid_until !== b.valid_until) {
    if (a.valid_until === null) return -1;
    if (b.valid_until === null) return 1;
    return a.valid_until < b.valid_until ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The cells of one pair at `now` from its certifications that are neither revoked nor superseded (one row per
 * precision they name), and the interval around `now` in which no validity ends, so the cells hold throughout.
 */
export function pairState(model: string, chip: string, rows: LiveRow[], now: string): PairState {
  let from: string | null = null;
  let to: string | null = null;
  const active = new Map<string, { row: LiveRow; precisions: string[] }>();
  for (const row of rows) {
    const end = row.valid_until;
    if (end !== null && end <= now) {
      if (from === null || end > from) from = end;
      continue;
    }
    if (end !== null && (to === null || end < to)) to = end;
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
    const best = Math.max(...group.map((r) => r.level));
    const ids = group
      .filter((r) => r.level === best)
      .sort(byValidityThenId)
      .map((r) => r.id)
      .join(' ');
    cells.push([precision, model, chip, best, ids]);
  }
  return { from, to, cells };
}

function statements(db: Db) {
  return {
    live: db.prepare(`SELECT c.id, c.level, c.valid_until, p.precision FROM certifications c
      LEFT JOIN certification_precisions p ON p.certification_seq = c.seq
      WHERE c.model_id = ? AND c.chip_id = ? AND c.revoked_at IS NULL AND c.superseded_by IS NULL`),
    any: db.prepare('SELECT 1 FROM certifications WHERE model_id = ? AND chip_id = ? LIMIT 1').pluck(),
    // Touched by a write not yet recomputed, or an end of validity passed, or a clock before the interval.
    stale: db
      .prepare(
        `SELECT model_id, chip_id FROM matrix_dirty
        UNION SELECT model_id, chip_id FROM matrix_pairs WHERE valid_to <= @now
        UNION SELECT model_id, chip_id FROM matrix_pairs WHERE valid_from > @now`,
      )
      .raw(),
  };
}

type Statements = ReturnType<typeof statements>;

const compute = (s: Statements, model: string, chip: string, now: string) =>
  pairState(model, chip, s.live.all(model, chip) as LiveRow[], now);

/**
 * Recomputes every stale pair at `now` and stores it; run inside the transaction of each write to certifications,
 * so the committed matrix is always current (the triggers of migration 9 list the pairs a write touched).
 */
export function refreshMatrixPairs(db: Db, now: string, s: Statements = statements(db)): number {
  const stale = s.stale.all({ now }) as Array<[string, string]>;
  if (stale.length === 0) return 0;
  const clear = db.prepare('DELETE FROM matrix_cells WHERE model_id = ? AND chip_id = ?');
  const cell = db.prepare('INSERT INTO matrix_cells (precision, model_id, chip_id, level, ids) VALUES (?, ?, ?, ?, ?)');
  const keep = db.prepare(
    'INSERT OR REPLACE INTO matrix_pairs (model_id, chip_id, valid_from, valid_to) VALUES (?, ?, ?, ?)',
  );
  const drop = db.prepare('DELETE FROM matrix_pairs WHERE model_id = ? AND chip_id = ?');
  for (const [model, chip] of stale) {
    clear.run(model, chip);
    if (!s.any.get(model, chip)) {
      drop.run(model, chip);
      continue;
    }
    const state = compute(s, model, chip, now);
    for (const c of state.cells) cell.run(c);
    keep.run(model, chip, state.from, state.to);
  }
  db.prepare('DELETE FROM matrix_dirty').run();
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
     * Cells in model, chip order. Pairs whose stored interval does not hold `now` (an end of validity passed since
     * the last write; or a read-only snapshot) are recomputed here, in memory: reads never write.
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
      const stale = s.stale.all({ now }) as Array<[string, string]>;
      if (stale.length === 0) return rows;
      const chips = filter.chips && new Set(filter.chips);
      const models = filter.models && new Set(filter.models);
      const staleKeys = new Set(stale.map(([m, c]) => `${m}\u0000${c}`));
      const fresh = stale
        .filter(([m, c]) => (!models || models.has(m)) && (!chips || chips.has(c)))
        .flatMap(([m, c]) => compute(s, m, c, now).cells)
        .filter((c) => c[0] === precision && c[3] >= filter.minLevel)
        .map((c): [string, string, number, string] => [c[1], c[2], c[3], c[4]]);
      return [...rows.filter(([m, c]) => !staleKeys.has(`${m}\u0000${c}`)), ...fresh].sort((a, b) =>
        a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0,
      );
    },
  };
}

export type MatrixCells = ReturnType<typeof createMatrixCells>;
