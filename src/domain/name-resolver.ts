import { UnknownReferenceError } from '../errors.js';
import type { RecordKind } from './catalog-types.js';
import { nameKey } from './name-key.js';
import { suggest } from './suggest.js';

/** What the resolver needs of the name index (the database's name repository provides it). */
export interface NameIndex {
  /** The canonical id of the record answering to a normalised name key, or null. */
  resolve(kind: RecordKind, key: string): string | null;
  /** Every name of every record of a kind, for suggestions. */
  names(kind: RecordKind): Array<{ id: string; name: string; key: string }>;
}

/** How many resolved names a memo keeps before it starts over. */
const MEMO_SIZE = 20_000;

/**
 * The name index with its answers remembered until the data changes (`stamp` differs): a lookup repeated
 * between two writes is a map read. For read paths only; a write resolving names it has just inserted in
 * its own transaction must ask the index itself.
 */
export function memoizedNameIndex(index: NameIndex, stamp: () => string): NameIndex {
  let at: string | null = null;
  const resolved = new Map<string, string | null>();
  return {
    resolve(kind, key) {
      const current = stamp();
      if (current !== at) {
        resolved.clear();
        at = current;
      }
      const memoKey = `${kind}\u0000${key}`;
      let id = resolved.get(memoKey);
      if (id === undefined) {
        id = index.resolve(kind, key);
        if (resolved.size >= MEMO_SIZE) resolved.clear();
        resolved.set(memoKey, id);
      }
      return id;
    },
    names: (kind) => index.names(kind),
  };
}

/** Forgiving on input, canonical on output: any id, alias or display name → the canonical id. */
export function createNameResolver(names: NameIndex) {
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
      throw new UnknownReferenceError(`No ${kind} is known as "${input}".${hint}`, suggestions);
    },
  };
}

export type NameResolver = ReturnType<typeof createNameResolver>;
