import { z } from 'zod';
import { q } from './query.js';
import { STACK_STATUSES } from '../domain/vocabulary.js';
import { FACETS, type Facet } from '../services/certification-service.js';
import { DECISIONS, ROLES, SUBMISSION_STATUSES, VERIFIED_LEVELS } from '../domain/vocabulary.js';

/**
 * Every query string and small request body the API accepts, as zod shapes. The routers parse
 * with them and the OpenAPI document is generated from them: one definition of each.
 */
const paging = { limit: q.limit, cursor: q.cursor };
const listing = { ...paging, format: q.format };

export const queries = {
  none: {},
  vendors: listing,
  chips: {
    ...listing,
    vendor: q.text().optional(),
    deviceClass: q.deviceClass.optional(),
    precision: q.precision.optional(),
    q: q.text().optional(),
  },
  systems: { ...listing, chip: q.text().optional() },
  models: { ...listing, family: q.text(80).optional(), publisher: q.text().optional(), q: q.text().optional() },
  software: { vendor: q.text().optional() },
  levels: {
    set: z
      .string()
      .regex(/^\d{4}\.\d{1,3}$/, 'is a requirement set id such as 2026.1')
      .optional(),
  },
  benchmarks: { q: q.text().optional(), metric: q.text(80).optional() },
  search: { q: q.text(), limit: q.limit },
  compatibility: {
    model: q.text(),
    chip: q.text(),
    precision: q.precision.optional(),
    deployment: q.deployment.optional(),
    minLevel: q.level.optional(),
    stack: q.text(1000).optional(),
  },
  stacks: {
    ...listing,
    chip: q.text(),
    status: z.enum(STACK_STATUSES, { error: `must be one of: ${STACK_STATUSES.join(', ')}` }).optional(),
  },
  stackCheck: { chip: q.text(), stack: q.text(1000) },
  upgradePath: { chip: q.text(), model: q.text(), from: q.text(1000), minLevel: q.level.optional() },
  matrix: {
    deviceClass: q.deviceClass.optional(),
    family: q.text(80).optional(),
    minLevel: q.level.optional(),
    precision: q.precision.optional(),
  },
  certifications: {
    ...listing,
    model: q.text().optional(),
    chip: q.text().optional(),
    vendor: q.text().optional(),
    precision: q.precision.optional(),
    deployment: q.deployment.optional(),
    minLevel: q.level.optional(),
    status: q.status.optional(),
    facets: q
      .text(100)
      .transform((s) => s.split(',').map((f) => f.trim()))
      .pipe(
        z
          .array(
            z.enum(FACETS as [Facet, ...Facet[]], {
              error: `must list facets among ${FACETS.join(', ')}`,
            }),
          )
          .max(6),
      )
      .optional(),
  },
  submissions: {
    ...paging,
    status: z.enum(SUBMISSION_STATUSES, { error: `must be one of: ${SUBMISSION_STATUSES.join(', ')}` }).optional(),
  },
  paging,
};

export const bodies = {
  decision: {
    decision: z.enum(DECISIONS, { error: `must be one of: ${DECISIONS.join(', ')}` }),
    level: z.enum(VERIFIED_LEVELS, { error: `must be a level from ${VERIFIED_LEVELS.join(', ')}` }).optional(),
    note: z.string().trim().min(1, 'must not be empty').max(4000, 'must be at most 4000 characters').optional(),
  },
  revoke: {
    reason: z
      .string({ error: 'is required' })
      .trim()
      .min(3, 'must say why, in at least 3 characters')
      .max(4000, 'must be at most 4000 characters'),
  },
  newKey: {
    role: z.enum(ROLES, { error: `must be one of: ${ROLES.join(', ')}` }),
    vendor: z.string().trim().min(1).max(120).optional(),
    label: z.string().trim().min(1).max(200).optional(),
  },
  identify: {
    pciIds: z
      .array(z.string().max(40), { error: 'must be a list of vendor:device ids' })
      .min(1, 'must name at least one id')
      .max(4096)
      .optional(),
    lspci: z.string().max(1_000_000).optional(),
  },
};

export const headers = {
  idempotency: {
    'idempotency-key': z
      .string()
      .regex(/^[\x21-\x7e]{1,200}$/, 'must be 1 to 200 visible ASCII characters')
      .optional(),
  },
};
