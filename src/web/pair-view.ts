import type { Chip, Model } from '../domain/catalog-types.js';
import type { DeploymentForm, Precision } from '../domain/vocabulary.js';
import type { Certification } from '../domain/certification-view.js';
import { levelRank, type Level } from '../domain/vocabulary.js';
import { AppError } from '../errors.js';
import type { CatalogService } from '../services/catalog-service.js';
import type { CertificationService } from '../services/certification-service.js';
import type { CompatibilityService } from '../services/compatibility-service.js';
import { allPages } from '../services/keyset-page.js';
import type { StackService } from '../services/stack-service.js';
import { figuresOf, type Figures } from './figures.js';
import { sortCertifications } from './render/certification-table.js';
import { BYTES_PER_WEIGHT } from '../domain/identify/model-fit.js';

export interface PairQuery {
  precision?: Precision;
  deployment?: DeploymentForm;
  stack?: string;
}

export interface MemoryFit {
  precision: Precision;
  weightsGiB: number;
  devices: number;
  memoryGiB: number;
  fits: boolean;
}

/**
 * Whether the weights alone fit in the devices' memory: parameters × bytes per weight against
 * devices × memory. An estimate that leaves out the KV cache and activations, so "fits" is a floor.
 */
export function memoryFit(model: Model, chip: Chip, precision: Precision, devices: number): MemoryFit | null {
  if (!model.parametersB || !chip.memoryGiB) return null;
  const weightsGiB = (model.parametersB * 1e9 * BYTES_PER_WEIGHT[precision]) / 2 ** 30;
  return { precision, weightsGiB, devices, memoryGiB: chip.memoryGiB, fits: weightsGiB <= devices * chip.memoryGiB };
}

export interface PrecisionSummary {
  precision: Precision | null;
  level: Level;
  verified: boolean;
  certifications: Certification[];
}

/** A verified certification with its evidence (figures and checks), or a declaration as listed. */
export interface Claim {
  certification: Certification;
  figures: Figures | null;
  /** Failing checks of the level above this one: what the next level needs. */
  nextLevel: { level: Level; missing: Array<{ id: string; message: string }> } | null;
}

export type UpgradePath = ReturnType<StackService['upgradePath']>;

/** A typed stack that could not be read: what is wrong, and the component names it may have meant. */
export interface StackProblem {
  detail: string;
  suggestions: Array<{ id: string; name: string }>;
}

/**
 * The fewest changes from the stack the user typed to one with a claim for the pair (the same answer as
 * `GET /v1/upgrade-path`); a stack that cannot be read is reported on the page instead of failing it.
 */
function upgradeFrom(
  stacks: StackService,
  model: string,
  chip: string,
  from: string | undefined,
): { upgrade: UpgradePath | null; stackProblem: StackProblem | null } {
  if (!from) return { upgrade: null, stackProblem: null };
  try {
    return { upgrade: stacks.upgradePath({ model, chip, from }), stackProblem: null };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'invalid-query') throw error;
    const suggestions = (error.extra.suggestions as StackProblem['suggestions'] | undefined) ?? [];
    return { upgrade: null, stackProblem: { detail: error.errors[0]?.detail ?? error.message, suggestions } };
  }
}

/** Everything the model × chip answer page shows, gathered from the services. */
export function pairView(
  deps: {
    catalog: CatalogService;
    certifications: CertificationService;
    compatibility: CompatibilityService;
    stacks: StackService;
  },
  modelId: string,
  chipId: string,
  query: PairQuery,
) {
  const model = deps.catalog.getModel(modelId);
  const chip = deps.catalog.getChip(chipId);
  // The verdict is about the pair at the asked precision and form; the typed stack gets its upgrade path.
  const compatibility = deps.compatibility.check({
    model: model.id,
    chip: chip.id,
    precision: query.precision,
    deployment: query.deployment,
  });
  const { upgrade, stackProblem } = upgradeFrom(deps.stacks, model.id, chip.id, query.stack);
  const all = sortCertifications(allPages((p) => deps.certifications.list({ model: model.id, chip: chip.id }, p)));
  const active = all.filter((c) => c.status === 'active');

  // The best active claim per precision (a declaration naming several precisions counts for each).
  const byPrecision = new Map<string, PrecisionSummary>();
  for (const c of active) {
    const precisions: Array<Precision | null> = c.precision
      ? [c.precision]
      : c.precisions.length
        ? c.precisions
        : [null];
    for (const p of precisions) {
      const key = p ?? '';
      const entry = byPrecision.get(key);
      if (!entry || levelRank(c.level) > levelRank(entry.level))
        byPrecision.set(key, { precision: p, level: c.level, verified: c.verified, certifications: [c] });
      else if (c.level === entry.level) entry.certifications.push(c);
    }
  }
  const precisions = [...byPrecision.values()].sort(
    (a, b) => levelRank(b.level) - levelRank(a.level) || (a.precision ?? '~').localeCompare(b.precision ?? '~'),
  );

  // Verified, active certifications in full (their evidence holds figures and check results).
  const claims: Claim[] = active
    .filter((c) => c.verified)
    .map((listed) => {
      const c = deps.certifications.get(listed.id);
      const next = `L${levelRank(c.level) + 1}` as Level;
      const missing = (c.evidence?.checks ?? [])
        .filter((k) => k.level === next && k.status === 'fail')
        .map((k) => ({ id: k.id, message: k.message }));
      return {
        certification: c,
        figures: figuresOf(c),
        nextLevel: levelRank(c.level) < 4 ? { level: next, missing } : null,
      };
    });
  const declarations = active.filter((c) => !c.verified);

  const minDevices = Math.min(...active.map((c) => c.devices ?? Infinity));
  const fitPrecision =
    query.precision ?? compatibility.best?.precision ?? precisions.find((p) => p.precision)?.precision ?? null;
  const fitDevices = Number.isFinite(minDevices) ? minDevices : 1;
  return {
    model,
    chip,
    query,
    compatibility,
    upgrade,
    stackProblem,
    precisions,
    claims,
    declarations,
    inactive: all.filter((c) => c.status !== 'active'),
    minDevices: Number.isFinite(minDevices) ? minDevices : null,
    fit: fitPrecision ? memoryFit(model, chip, fitPrecision, fitDevices) : null,
  };
}

export type PairView = ReturnType<typeof pairView>;
