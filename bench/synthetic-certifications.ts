import type { NewCertification } from '../src/db/certification-writer.js';
import type { Chip, DeploymentForm, Model, Precision } from '../src/domain/catalog-types.js';
import { deploymentKey } from '../src/domain/deployment-key.js';
import type { ValidationService } from '../src/services/validation-service.js';
import { zipfSampler, type Random } from './seeded-random.js';
import { pickStack } from './synthetic-stacks.js';
import { submissionDocument, type DeploymentChoice } from './synthetic-evidence.js';

const DAY = 86_400_000;
const FALLBACK_PRECISIONS: Precision[] = ['bf16', 'fp16', 'int8', 'w8a8', 'w4a16', 'int4'];

/** Popularity skew: a few models and chips (the real catalog's, listed first) get most certifications. */
export const MODEL_SKEW = 0.7;
export const CHIP_SKEW = 0.6;

export interface Catalog {
  models: Model[];
  chips: Chip[];
}

/** Picks a realistic deployment: popular pair, a precision the chip supports, a form, a device count and the vendor's stack. */
export function deploymentPicker(catalog: Catalog): (random: Random) => DeploymentChoice {
  const model = zipfSampler(catalog.models, MODEL_SKEW);
  const chip = zipfSampler(catalog.chips, CHIP_SKEW);
  return (random) => {
    const m = model(random);
    const c = chip(random);
    const small = c.deviceClass === 'mobile' || c.deviceClass === 'vehicle';
    const precisions = c.precisions?.length ? c.precisions : FALLBACK_PRECISIONS;
    return {
      vendor: c.vendor,
      model: m.id,
      chip: c.id,
      deviceClass: c.deviceClass,
      precision: random.weighted(precisions.map((p) => [p, p === 'bf16' || p === 'int8' ? 3 : 1] as const)),
      form: small
        ? 'on-device'
        : random.weighted<DeploymentForm>([
            ['cloud-private', 35],
            ['local-private', 35],
            ['public-api', 15],
            ['on-device', 5],
          ]),
      devices:
        c.deviceClass === 'datacenter' || c.deviceClass === 'supercomputer' ? random.pick([1, 1, 2, 4, 8, 8, 16]) : 1,
      stack: pickStack(random, c.vendor),
    };
  };
}

type Outcome = Pick<NewCertification, 'preview' | 'highAccuracy' | 'evidence'>;

/**
 * Check results by achieved level, from the real validation service (schema, names, level
 * engine) over a few hundred synthetic submissions: certifications carry what approval stores.
 */
export function checkPool(
  random: Random,
  pick: (random: Random) => DeploymentChoice,
  validation: ValidationService,
  size = 400,
): Map<number, Outcome[]> {
  const pool = new Map<number, Outcome[]>();
  for (let i = 0; i < size; i++) {
    const d = pick(random);
    const document = submissionDocument(
      random,
      d,
      random.weighted([
        [1, 25],
        [2, 35],
        [3, 30],
        [4, 10],
      ]),
    );
    const report = validation.validate(document);
    if (!report.valid) throw new Error(`bench: a synthetic submission is invalid: ${JSON.stringify(report.errors)}`);
    const level = Number((report.level?.achieved ?? 'L0').slice(1));
    if (level < 1 || !report.level) continue;
    // As the submission service stores an approval: the flags, and the evidence summary with every check result.
    const checks = report.level.checks.map(({ id, level: l, status, actual, threshold, message }) => ({
      id,
      level: l,
      status,
      actual,
      threshold,
      message,
    }));
    const modelRevision = (document.deployment as { model: { revision: string } }).model.revision;
    const stored: Outcome = {
      preview: report.level.preview,
      highAccuracy: report.level.highAccuracy,
      evidence: { modelRevision, os: 'Ubuntu 22.04', checks },
    };
    pool.set(level, [...(pool.get(level) ?? []), stored]);
  }
  return pool;
}

/** The next certification to write: an approved deployment issued within the last two years, valid 12 months. */
export function certificationMaker(
  pick: (random: Random) => DeploymentChoice,
  pool: Map<number, Outcome[]>,
  now: Date,
) {
  const levels = [...pool.keys()].sort();
  return (random: Random): NewCertification => {
    const d = pick(random);
    const level = random.weighted(
      levels.map((l) => [l, ({ 1: 25, 2: 35, 3: 30, 4: 10 } as Record<number, number>)[l] ?? 1] as const),
    );
    const issued = new Date(now.getTime() - random.int(1, 730) * DAY - random.int(0, DAY - 1));
    return {
      level,
      model: d.model,
      chip: d.chip,
      vendor: d.vendor,
      system: null,
      devices: d.devices,
      precision: d.precision,
      form: d.form,
      stack: d.stack,
      requirementSet: '2026.1',
      submissionId: null,
      issuedAt: issued.toISOString(),
      validUntil: new Date(issued.getTime() + 365 * DAY).toISOString(),
      ...random.pick(pool.get(level)!),
      deploymentKey: deploymentKey({
        model: d.model,
        chip: d.chip,
        system: null,
        devices: d.devices,
        precision: d.precision,
        form: d.form,
        stack: d.stack,
      }),
    };
  };
}
