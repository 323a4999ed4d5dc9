import { NotFoundError } from '../errors.js';
import type { NameRepository } from '../db/name-repository.js';
import type { RecordKind } from './catalog-types.js';
import { nameKey } from './name-key.js';
import { suggest } from './suggest.js';

/** Forgiving on input, canonical on output: any id, alias or display name → the canonical id. */
export function createNameResolver(names: NameRepository) {
  return {
    find(kind: RecordKind, input: string): string | null {
      return names.resolve(kind, nameKey(input));
    },
    /** The canonical id, or a 404 naming the closest records ("did you mean"). */
    resolve(kind: RecordKind, input: string): string {
      const key = nameKey(input);
      const id = names.resolve(kind, key);
      if (id) return id;
      const suggestions = suggest(key, names.names(kind));
      const hint = suggestions.length ? ` Did you mean ${suggestions.map((s) => `"${s.id}"`).join(', ')}?` : '';
      throw new NotFoundError(`No ${kind} is known as "${input}".${hint}`, suggestions, 'unknown-reference');
    },
  };
}

export type NameResolver = ReturnType<typeof createNameResolver>;
