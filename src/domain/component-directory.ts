import { UnknownComponentError } from '../errors.js';
import type { FieldProblem } from '../schemas/ajv-problems.js';
import { nameKey } from './name-key.js';
import type { StackRequirement } from './stack-query.js';
import { suggest } from './suggest.js';
import { compareVersions, parseRange, parseVersion, satisfies } from './vendor-version.js';

/** What the directory needs to know of a software record (`data/software/`). */
export interface SoftwareEntry {
  id: string;
  vendor: string;
  name: string;
  aliases: string[];
  versions: string[];
}

/** A stack component named by its canonical software id (null when the catalog does not know the name). */
export interface ResolvedComponent {
  software: string | null;
  /** The canonical name when known, else the name as given. */
  name: string;
  /** A version, or a range where a source gives one. */
  version: string;
}

/** How two components are compared: by software id, or by normalised name when unknown to the catalog. */
export const componentKey = (c: { software: string | null; name: string }) => c.software ?? `?${nameKey(c.name)}`;

/** Whether `version` (exact) satisfies `spec` (a version or a range); false when either does not parse. */
export function fitsVersion(version: string, spec: string): boolean {
  if (!parseVersion(version)) return false;
  const range = parseRange(spec);
  return range !== null && satisfies(version, range);
}

/** Names whose suggestions a directory remembers; past this the memory is emptied (any text can be asked). */
const SUGGESTIONS_KEPT = 1_000;

/** How many known versions a warning lists before it says "and N more". */
const VERSIONS_LISTED = 40;

/**
 * The canonical component names of `data/software/` and the versions the catalog knows for each
 * (the software records' and every exact version a stack combination names). Resolves the names a
 * user types (`torch_npu`, `CANN`, `libsopohn`) to canonical ids, with "did you mean" suggestions.
 */
export function createComponentDirectory(software: SoftwareEntry[], extraVersions: Array<[string, string]> = []) {
  // Several vendors publish a component under one name (`vLLM` builds for Hygon, MetaX, Iluvatar):
  // a name can mean several records, and the chip's vendor picks among them.
  const byKey = new Map<string, SoftwareEntry[]>();
  const candidates: Array<{ id: string; name: string; key: string }> = [];
  for (const s of software) {
    for (const n of [s.id, s.name, ...s.aliases]) {
      const key = nameKey(n);
      if (!key) continue;
      const same = byKey.get(key) ?? [];
      if (!same.includes(s)) byKey.set(key, [...same, s]);
      candidates.push({ id: s.id, name: s.name, key });
    }
  }
  const versions = new Map<string, string[]>();
  const addVersion = (id: string, v: string) => {
    if (!parseVersion(v)) return;
    const list = versions.get(id) ?? [];
    if (!list.some((known) => compareVersions(known, v) === 0)) list.push(v);
    versions.set(id, list);
  };
  for (const s of software) for (const v of s.versions) addVersion(s.id, v);
  for (const [id, v] of extraVersions) addVersion(id, v);
  for (const list of versions.values()) list.sort(compareVersions);
  const byId = new Map(software.map((s) => [s.id, s]));
  // Validation warns about every unknown component of every document: the edit distances to all
  // candidates are computed once per name, not per request.
  const suggestions = new Map<string, ReadonlyArray<{ id: string; name: string }>>();

  const directory = {
    resolve(name: string, vendor?: string): SoftwareEntry | null {
      const all = byKey.get(nameKey(name)) ?? [];
      return all.find((s) => s.vendor === vendor) ?? all[0] ?? null;
    },
    /** Remembered per name while this directory lives (one catalog revision), at most SUGGESTIONS_KEPT names. */
    suggest(name: string): Array<{ id: string; name: string }> {
      let found = suggestions.get(name);
      if (!found) {
        if (suggestions.size >= SUGGESTIONS_KEPT) suggestions.clear();
        suggestions.set(name, (found = suggest(nameKey(name), candidates)));
      }
      return found.map((s) => ({ id: s.id, name: s.name }));
    },
    name: (id: string) => byId.get(id)?.name ?? id,
    knownVersions: (id: string): string[] => versions.get(id) ?? [],
    /** A stored stack component (certification, declaration) in canonical terms; unknown names stay as given. */
    fromStored(c: { name: string; version: string }, vendor?: string): ResolvedComponent {
      const entry = directory.resolve(c.name, vendor);
      return { software: entry?.id ?? null, name: entry?.name ?? c.name, version: c.version };
    },
    /**
     * Resolves a parsed `stack=` query. Unknown names are a 400 with suggestions, never silently
     * unmatched; a version the catalog does not know is accepted with a warning naming the known ones.
     */
    resolveQuery(
      wanted: StackRequirement[],
      options: { pointer: string; exact: boolean; vendor?: string; recorded?: (name: string) => boolean },
    ): { components: ResolvedComponent[]; warnings: string[] } {
      const problems: FieldProblem[] = [];
      const suggestions = new Map<string, { id: string; name: string }>();
      const components: ResolvedComponent[] = [];
      const warnings: string[] = [];
      for (const w of wanted) {
        const entry = directory.resolve(w.name, options.vendor);
        if (!entry && options.recorded?.(w.name)) {
          // Not in data/software/, but a stored certification names it: a real component, matched by name.
          components.push({ software: null, name: w.name, version: w.exact ?? w.spec });
          continue;
        }
        if (!entry) {
          const close = directory.suggest(w.name);
          for (const s of close) suggestions.set(s.id, s);
          problems.push({
            pointer: options.pointer,
            detail: `"${w.name}" is not a known stack component${
              close.length ? `; did you mean ${close.map((s) => s.name).join(', ')}?` : ''
            }`,
          });
          continue;
        }
        if (options.exact && !w.exact) {
          problems.push({
            pointer: options.pointer,
            detail: `${entry.name}@${w.spec}: name the installed version exactly (e.g. ${entry.name}@${
              directory.knownVersions(entry.id).at(-1) ?? '1.0'
            }), not a range`,
          });
          continue;
        }
        if (components.some((c) => c.software === entry.id)) {
          problems.push({ pointer: options.pointer, detail: `${entry.name} is named twice` });
          continue;
        }
        const version = w.exact ?? w.spec;
        components.push({ software: entry.id, name: entry.name, version });
        const known = directory.knownVersions(entry.id);
        const recognised = w.exact
          ? known.some((k) => compareVersions(k, w.exact!) === 0)
          : known.some((k) => satisfies(k, w.range));
        if (!recognised) {
          const listed = known.slice(-VERSIONS_LISTED);
          warnings.push(
            `${entry.name} ${version}: ${w.exact ? 'not a version' : 'no version'} the catalog knows${
              w.exact ? '' : ' satisfies it'
            }; known versions: ${
              listed.length
                ? listed.join(', ') +
                  (known.length > listed.length ? ` (and ${known.length - listed.length} older)` : '')
                : 'none'
            }`,
          );
        }
      }
      if (problems.length)
        throw new UnknownComponentError('The stack parameter is not usable here.', problems, [...suggestions.values()]);
      return { components, warnings };
    },
  };
  return directory;
}

export type ComponentDirectory = ReturnType<typeof createComponentDirectory>;
