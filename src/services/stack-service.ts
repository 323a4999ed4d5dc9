import type { CatalogRepository } from '../db/catalog-repository.js';
import type { CertificationRepository } from '../db/certification-repository.js';
import type { StackRepository } from '../db/stack-repository.js';
import type { Chip } from '../domain/catalog-types.js';
import type { Certification } from '../domain/certification-view.js';
import { createComponentDirectory, type ComponentDirectory } from '../domain/component-directory.js';
import type { NameResolver } from '../domain/name-resolver.js';
import { checkStack, planUpgrade, type Claim, type StackCombination } from '../domain/stack-compatibility.js';
import { parseStackQuery } from '../domain/stack-query.js';
import { nameKey } from '../domain/name-key.js';
import { levelRank, type Level, type StackStatus } from '../domain/vocabulary.js';
import { keysetPage, type Paging } from './keyset-page.js';

const cite = (c: StackCombination) => ({ id: c.id, status: c.status, statement: c.statement, source: c.source });

/**
 * The stack compatibility catalog: which component versions work together on a chip (sourced
 * combinations), whether a given stack does, and the fewest changes to a stack that has a claim
 * (certification, else declaration) for a model.
 */
export function createStackService(deps: {
  names: NameResolver;
  catalog: CatalogRepository;
  stacks: StackRepository;
  certifications: CertificationRepository;
  revision: () => number;
  now: () => Date;
}) {
  // Rebuilt when the data revision moves (an import can add software or combinations).
  let cached: { revision: number; directory: ComponentDirectory; recorded: Set<string> } | null = null;
  const load = () => {
    const revision = deps.revision();
    if (cached?.revision !== revision) {
      const software = deps.stacks.software().map((s) => ({
        id: s.id,
        vendor: s.vendor,
        name: s.name,
        aliases: s.aliases,
        versions: s.versions.map((v) => v.version),
      }));
      const named = deps.stacks
        .combinations()
        .flatMap((c) => c.components.map((p): [string, string] => [p.software, p.version]));
      const recorded = new Set(deps.stacks.recordedNames().map(nameKey));
      cached = { revision, directory: createComponentDirectory(software, named), recorded };
    }
    return cached;
  };
  const directory = (): ComponentDirectory => load().directory;
  /** Whether a stored certification or declaration names this component (so a query for it is legitimate). */
  const recorded = (name: string) => load().recorded.has(nameKey(name));
  const chipOf = (input: string) => {
    const id = deps.names.resolve('chip', input);
    return { id, vendor: deps.catalog.get<Chip>('chip', id)!.vendor };
  };

  return {
    directory,
    recorded,

    /** Known-good (or, with `status`, known-bad) combinations for a chip: its own and its vendor's chip-less ones. */
    list(query: { chip: string; status?: StackStatus } & Paging) {
      const chip = chipOf(query.chip);
      return keysetPage<StackCombination, string>(
        query,
        'string',
        (after, n) => deps.stacks.page(chip, query.status ?? 'known-good', after, n),
        (c) => c.id,
      );
    },

    /** Is this stack known to work on the chip? */
    check(query: { chip: string; stack: string }) {
      const chip = chipOf(query.chip);
      const dir = directory();
      const { components, warnings } = dir.resolveQuery(parseStackQuery(query.stack), {
        pointer: '/stack',
        exact: true,
        vendor: chip.vendor,
      });
      const result = checkStack(components, deps.stacks.forChip(chip), dir.name);
      return {
        chip: chip.id,
        vendor: chip.vendor,
        stack: components,
        verdict: result.verdict,
        matches: result.matches.map(cite),
        conflicts: result.conflicts,
        warnings,
      };
    },

    /** The fewest component changes from `from` to a stack with a claim for the model on the chip. */
    upgradePath(query: { chip: string; model: string; from: string; minLevel?: Level }) {
      const chip = chipOf(query.chip);
      const model = deps.names.resolve('model', query.model);
      const dir = directory();
      const { components: from, warnings } = dir.resolveQuery(parseStackQuery(query.from, '/from'), {
        pointer: '/from',
        exact: true,
        vendor: chip.vendor,
      });
      const combinations = deps.stacks.forChip(chip);
      const active = deps.certifications
        .forPair(model, chip.id, deps.now().toISOString())
        .filter((c) => c.status === 'active');
      const claimOf = (c: Certification): Claim => ({
        id: c.id,
        level: c.level,
        verified: c.verified,
        url: c.source?.url ?? null,
        stack: c.stack.map((component) => dir.fromStored(component, chip.vendor)),
      });
      const minRank = query.minLevel ? levelRank(query.minLevel) : 1;
      const certified = active.filter((c) => c.verified && levelRank(c.level) >= Math.max(minRank, 1)).map(claimOf);
      // Declarations are the fallback unless the query asks for a verified level.
      const declarationsAllowed = !query.minLevel || query.minLevel === 'L0';
      const declared = declarationsAllowed ? active.filter((c) => !c.verified).map(claimOf) : [];
      const rank = (c: Claim) => levelRank(c.level);
      let basis: 'certification' | 'declaration' | null = 'certification';
      let plan = planUpgrade(from, certified, combinations, rank).best;
      if (!plan) {
        basis = 'declaration';
        plan = planUpgrade(from, declared, combinations, rank).best;
      }
      if (!plan) basis = null;
      const withoutStack = [...certified, ...declared].filter((c) => c.stack.length === 0).length;
      const considered = {
        certifications: certified.length,
        declarations: declared.length,
        withoutStack,
      };
      const resulting = plan
        ? {
            components: plan.result,
            verdict: checkStack(
              plan.result.filter((c) => c.software !== null),
              combinations,
              dir.name,
            ).verdict,
          }
        : null;
      return {
        query: { chip: chip.id, model, from, minLevel: query.minLevel ?? null },
        found: plan !== null,
        basis,
        target: plan
          ? {
              claim: { id: plan.claim.id, level: plan.claim.level, verified: plan.claim.verified, url: plan.claim.url },
              stack: plan.claim.stack,
            }
          : null,
        combination: plan?.combination ? cite(plan.combination) : null,
        steps: plan?.steps ?? [],
        resultingStack: resulting,
        considered,
        warnings,
        message: plan
          ? plan.steps.length
            ? `${plan.steps.length} change(s) to the stack of ${plan.claim.verified ? 'certification' : 'declaration'} ${plan.claim.id} (${plan.claim.level})`
            : `the stack already matches ${plan.claim.id} (${plan.claim.level})`
          : `no ${declarationsAllowed ? 'certification or declaration' : `certification at ${query.minLevel} or above`} for ${model} on ${chip.id} records a stack` +
            (withoutStack ? ` (${withoutStack} record none)` : ''),
      };
    },
  };
}

export type StackService = ReturnType<typeof createStackService>;
