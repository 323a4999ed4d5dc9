import type { Software } from '../domain/catalog-types.js';
import type { StackCombination } from '../domain/stack-compatibility.js';
import type { Db } from './open-database.js';

const docs = <T>(rows: unknown[]): T[] => (rows as string[]).map((doc) => JSON.parse(doc) as T);

// A combination applies to a chip when it is the chip's vendor's and names that chip, or names none.
const APPLIES = `s.vendor_id = @vendor AND (
    EXISTS (SELECT 1 FROM stack_combination_chips c WHERE c.combination_id = s.id AND c.chip_id = @chip)
    OR NOT EXISTS (SELECT 1 FROM stack_combination_chips c WHERE c.combination_id = s.id))`;

/** Reads of the stack compatibility catalog and of the software components it names. */
export function createStackRepository(db: Db) {
  const page = db
    .prepare(
      `SELECT s.doc FROM stack_combinations s WHERE ${APPLIES} AND (@status IS NULL OR s.status = @status)
      AND s.id > @after ORDER BY s.id LIMIT @limit`,
    )
    .pluck();
  const all = db.prepare(`SELECT s.doc FROM stack_combinations s WHERE ${APPLIES} ORDER BY s.id`).pluck();
  const software = db.prepare('SELECT doc FROM software ORDER BY id').pluck();
  const everyCombination = db.prepare('SELECT doc FROM stack_combinations ORDER BY id').pluck();
  const recordedNames = db
    .prepare(`SELECT DISTINCT json_extract(j.value, '$.name') FROM certifications c, json_each(c.facts, '$.stack') j`)
    .pluck();
  return {
    /** Every component name a certification or declaration records (for names data/software/ lacks). */
    recordedNames: (): string[] => recordedNames.all() as string[],
    /** One keyset page of the combinations that apply to a chip, ordered by id. */
    page: (
      chip: { id: string; vendor: string },
      status: StackCombination['status'] | null,
      after: string,
      limit: number,
    ): StackCombination[] => docs(page.all({ chip: chip.id, vendor: chip.vendor, status, after, limit })),
    forChip: (chip: { id: string; vendor: string }): StackCombination[] =>
      docs(all.all({ chip: chip.id, vendor: chip.vendor })),
    software: (): Software[] => docs(software.all()),
    combinations: (): StackCombination[] => docs(everyCombination.all()),
  };
}

export type StackRepository = ReturnType<typeof createStackRepository>;
