import type { FieldProblem } from '../schemas/ajv-problems.js';
import type { Chip, Software } from '../domain/catalog-types.js';
import type { StackCombination } from '../domain/stack-compatibility.js';
import { parseRange } from '../domain/vendor-version.js';

/** A GitHub file URL pinned to a commit, so the cited text cannot drift (`/blob/<40 hex>/`). */
const PINNED_GITHUB = /^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[0-9a-f]{40}\//;

/**
 * What the schema cannot check about `data/stacks/`: the vendor, chips and software exist; each
 * chip and component belongs to the combination's vendor; versions parse as versions or ranges;
 * a resolution only on a known-bad combination and naming one of its components; no component
 * twice; GitHub sources pinned to a commit.
 */
export function stackCombinationProblems(
  bundle: { vendors: Array<{ id: string }>; chips: Chip[]; software: Software[]; stacks: StackCombination[] },
  fileOf: (doc: object) => string | undefined,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const vendors = new Set(bundle.vendors.map((v) => v.id));
  const chips = new Map(bundle.chips.map((c) => [c.id, c]));
  const software = new Map(bundle.software.map((s) => [s.id, s]));
  for (const stack of bundle.stacks) {
    const problem = (pointer: string, detail: string) => problems.push({ file: fileOf(stack), pointer, detail });
    if (!vendors.has(stack.vendor)) problem('/vendor', `refers to unknown vendors "${stack.vendor}"`);
    stack.chips.forEach((id, i) => {
      const chip = chips.get(id);
      if (!chip) problem(`/chips/${i}`, `refers to unknown chips "${id}"`);
      else if (chip.vendor !== stack.vendor) problem(`/chips/${i}`, `chip "${id}" is not a ${stack.vendor} chip`);
    });
    const component = (pointer: string, part: { software: string; version: string }) => {
      const s = software.get(part.software);
      if (!s) problem(`${pointer}/software`, `refers to unknown software "${part.software}"`);
      else if (s.vendor !== stack.vendor)
        problem(`${pointer}/software`, `software "${part.software}" serves ${s.vendor}, not ${stack.vendor}`);
      if (!parseRange(part.version))
        problem(`${pointer}/version`, `"${part.version}" is neither a version nor a range (e.g. 8.1.RC1, >=v4.1.4)`);
    };
    const seen = new Set<string>();
    stack.components.forEach((part, i) => {
      component(`/components/${i}`, part);
      if (seen.has(part.software)) problem(`/components/${i}/software`, `"${part.software}" is named twice`);
      seen.add(part.software);
    });
    if (stack.resolution) {
      component('/resolution', stack.resolution);
      if (stack.status !== 'known-bad') problem('/resolution', 'only a known-bad combination has a resolution');
      if (!seen.has(stack.resolution.software))
        problem('/resolution/software', 'must name one of the combination components (the one to change)');
    }
    if (stack.source.url.startsWith('https://github.com/') && !PINNED_GITHUB.test(stack.source.url))
      problem('/source/url', 'a GitHub source must be pinned to a commit (/blob/<40-hex sha>/path)');
  }
  return problems;
}
