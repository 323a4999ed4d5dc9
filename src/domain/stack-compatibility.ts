import type { Source } from './catalog-types.js';
import { componentKey, fitsVersion, type ResolvedComponent } from './component-directory.js';
import { compareVersions, parseVersion } from './vendor-version.js';
import type { StackStatus, StackVerdict, UpgradeAction } from './vocabulary.js';

/** A record of `data/stacks/` (schemas/stack-combination.v1.schema.json). */
export interface StackCombination {
  id: string;
  vendor: string;
  chips: string[];
  status: StackStatus;
  components: Array<{ software: string; version: string }>;
  resolution?: { software: string; version: string };
  statement: string;
  source: Source;
}

export interface StackConflict {
  software: string | null;
  name: string;
  given: string | null;
  expected: string;
  detail: string;
  combination: { id: string; status: StackStatus; statement: string; source: Source };
}

/** How many equally close combinations an unknown verdict cites per differing component. */
const CLOSEST_PER_COMPONENT = 3;

const cite = (c: StackCombination) => ({ id: c.id, status: c.status, statement: c.statement, source: c.source });

/** Whether `given` holds a component of the combination at a version it allows. */
const holds = (given: ResolvedComponent[], part: { software: string; version: string }) =>
  given.some((g) => g.software === part.software && fitsVersion(g.version, part.version));

/**
 * Checks a stack against the combinations that apply to a chip. Known-bad wins: a combination a
 * source calls bad whose every component the stack holds. Known-good: one sourced combination
 * covers every component of the stack. Otherwise unknown, with the differences from the closest
 * known-good combinations so the answer still says what to change.
 */
export function checkStack(
  given: ResolvedComponent[],
  combinations: StackCombination[],
  nameOf: (id: string) => string,
): { verdict: StackVerdict; matches: StackCombination[]; conflicts: StackConflict[] } {
  const bad = combinations.filter((c) => c.status === 'known-bad' && c.components.every((p) => holds(given, p)));
  if (bad.length) {
    const conflicts = bad.map((c): StackConflict => {
      // The component the source says to change; without a resolution, the last one it names.
      const target = c.resolution ?? c.components.at(-1)!;
      const mine = given.find((g) => g.software === target.software);
      const others = c.components
        .filter((p) => p.software !== target.software)
        .map((p) => `${nameOf(p.software)} ${p.version}`)
        .join(', ');
      return {
        software: target.software,
        name: nameOf(target.software),
        given: mine?.version ?? null,
        expected: c.resolution?.version ?? `not ${c.components.find((p) => p.software === target.software)!.version}`,
        detail: `${nameOf(target.software)} ${mine?.version} is known not to work with ${others}${
          c.resolution ? `; the source says to use ${c.resolution.version}` : ''
        }`,
        combination: cite(c),
      };
    });
    return { verdict: 'known-bad', matches: [], conflicts };
  }
  const good = combinations.filter((c) => c.status === 'known-good');
  const matches = good.filter((c) =>
    given.every((g) => {
      const part = c.components.find((p) => p.software === g.software);
      return part !== undefined && fitsVersion(g.version, part.version);
    }),
  );
  if (matches.length) return { verdict: 'known-good', matches, conflicts: [] };

  // The closest known-good combinations: fewest given components that differ from them or are absent.
  const scored = good
    .map((c) => {
      const shared = given.filter((g) => c.components.some((p) => p.software === g.software));
      const differing = shared.filter(
        (g) =>
          !holds(
            [g],
            c.components.find((p) => p.software === g.software)!,
          ),
      );
      return { c, shared: shared.length, differing, score: differing.length + (given.length - shared.length) };
    })
    .filter((s) => s.shared > 0 && s.shared > s.differing.length);
  const best = Math.min(...scored.map((s) => s.score));
  // Several rows can be equally close in different ways (change CANN, or change torch_npu): keep a
  // few of each way, so the answer names every component that could be the conflicting one.
  const perComponent = new Map<string, number>();
  const conflicts: StackConflict[] = [];
  for (const s of scored.filter((x) => x.score === best)) {
    for (const g of s.differing) {
      const key = componentKey(g);
      if ((perComponent.get(key) ?? 0) >= CLOSEST_PER_COMPONENT) continue;
      perComponent.set(key, (perComponent.get(key) ?? 0) + 1);
      const expected = s.c.components.find((p) => p.software === g.software)!.version;
      conflicts.push({
        software: g.software,
        name: g.name,
        given: g.version,
        expected,
        detail: `${g.name} ${g.version} differs from ${expected} in the closest known-good combination`,
        combination: cite(s.c),
      });
    }
  }
  return { verdict: 'unknown', matches: [], conflicts };
}

/** A claim a target stack comes from: a certification (L1+) or a declaration (L0). */
export interface Claim {
  id: string;
  level: string;
  verified: boolean;
  url: string | null;
  stack: ResolvedComponent[];
}

export interface UpgradeStep {
  software: string | null;
  name: string;
  action: UpgradeAction;
  from: string | null;
  to: string;
  because: {
    kind: 'certification' | 'declaration' | 'stack-combination';
    id: string;
    url: string | null;
    statement?: string;
  };
}

export interface UpgradePlan {
  claim: Claim;
  combination: StackCombination | null;
  steps: UpgradeStep[];
  result: ResolvedComponent[];
}

function stepFor(have: ResolvedComponent | undefined, want: ResolvedComponent): UpgradeAction | null {
  if (!have) return 'add';
  if (fitsVersion(have.version, want.version)) return null;
  if (!parseVersion(have.version) || !parseVersion(want.version)) return 'change';
  return compareVersions(have.version, want.version) < 0 ? 'upgrade' : 'downgrade';
}

/**
 * The fewest component changes from `from` to the stack of one of the claims (ties: the higher
 * `rank`). A claim's stack is completed with a known-good combination that contains it, where one
 * exists, for the components the user already has (so CANN moves together with the torch_npu its
 * matrix row names); every step cites the claim or the combination that asks for it.
 */
export function planUpgrade(
  from: ResolvedComponent[],
  claims: Claim[],
  combinations: StackCombination[],
  rank: (claim: Claim) => number,
): { best: UpgradePlan | null; considered: number } {
  const good = combinations.filter((c) => c.status === 'known-good');
  const plans: UpgradePlan[] = [];
  for (const claim of claims) {
    if (!claim.stack.length) continue;
    const fitting = good.filter(
      (c) =>
        claim.stack.every((t) => {
          const part = t.software ? c.components.find((p) => p.software === t.software) : undefined;
          return !part || (parseVersion(t.version) ? fitsVersion(t.version, part.version) : t.version === part.version);
        }) && claim.stack.some((t) => c.components.some((p) => p.software === t.software)),
    );
    // A claim's stack alone can leave the user's other components behind (CANN 7 under a newer
    // torch_npu); where sourced combinations contain the claim's stack, only those completions count.
    for (const combination of fitting.length ? fitting : [null]) {
      const goal: Array<{ want: ResolvedComponent; because: UpgradeStep['because'] }> = claim.stack.map((want) => ({
        want,
        because: { kind: claim.verified ? 'certification' : 'declaration', id: claim.id, url: claim.url },
      }));
      if (combination) {
        for (const p of combination.components) {
          const mine = from.find((f) => f.software === p.software);
          if (!mine || goal.some((g) => g.want.software === p.software)) continue;
          goal.push({
            want: { software: p.software, name: mine.name, version: p.version },
            because: {
              kind: 'stack-combination',
              id: combination.id,
              url: combination.source.url,
              statement: combination.statement,
            },
          });
        }
      }
      const steps: UpgradeStep[] = [];
      for (const { want, because } of goal) {
        const have = from.find((f) => componentKey(f) === componentKey(want));
        const action = stepFor(have, want);
        if (action)
          steps.push({
            software: want.software,
            name: want.name,
            action,
            from: have?.version ?? null,
            to: want.version,
            because,
          });
      }
      const result = [
        ...from.map((f) => goal.find((g) => componentKey(g.want) === componentKey(f))?.want ?? f),
        ...goal.filter((g) => !from.some((f) => componentKey(f) === componentKey(g.want))).map((g) => g.want),
      ];
      plans.push({ claim, combination, steps, result });
    }
  }
  plans.sort(
    (a, b) => a.steps.length - b.steps.length || rank(b.claim) - rank(a.claim) || a.claim.id.localeCompare(b.claim.id),
  );
  return { best: plans[0] ?? null, considered: plans.length };
}
