import { z } from 'zod';
import { parseQuery, q } from '../http/query.js';
import { RESULT_SORTS } from './results-view.js';

const lang = z.enum(['en', 'zh'], { error: 'must be en or zh' }).optional();

/** The query strings of the web pages. Empty form fields mean "any" and are dropped before parsing. */
export const webQueries = {
  plain: { lang },
  matrix: {
    lang,
    deviceClass: q.deviceClass.optional(),
    family: q.text(80).optional(),
    minLevel: q.level.optional(),
    precision: q.precision.optional(),
  },
  chip: { lang, model: q.text().optional(), precision: q.precision.optional(), deployment: q.deployment.optional() },
  pair: { lang, model: q.text(), chip: q.text() },
  answer: {
    lang,
    model: q.text(),
    chip: q.text(),
    precision: q.precision.optional(),
    deployment: q.deployment.optional(),
    stack: q.text(500).optional(),
  },
  pairPage: {
    lang,
    precision: q.precision.optional(),
    deployment: q.deployment.optional(),
    stack: q.text(500).optional(),
  },
  results: {
    lang,
    model: q.text().optional(),
    chip: q.text().optional(),
    vendor: q.text().optional(),
    precision: q.precision.optional(),
    scenario: q.text(40).optional(),
    devices: z
      .string()
      .regex(/^\d{1,6}$/, 'must be a whole number of devices')
      .transform(Number)
      .pipe(z.number().int().min(1, 'must be at least 1'))
      .optional(),
    minLevel: q.level.optional(),
    status: z.enum(['active', 'all'], { error: 'must be active or all' }).optional(),
    sort: z.enum(RESULT_SORTS, { error: `must be one of: ${RESULT_SORTS.join(', ')}` }).optional(),
    format: z.enum(['html', 'csv'], { error: 'must be html or csv' }).optional(),
  },
  search: { lang, q: q.text().optional() },
};

/** The `/identify` form body. */
export const identifyForm = {
  lspci: z.string({ error: 'must be given once, as text' }).max(1_000_000, 'must be at most 1,000,000 characters'),
};

/** Strict parse (unknown parameters are a 400, as in the API) after dropping empty values that plain GET forms send. */
export function parseWebQuery<S extends z.ZodRawShape>(query: unknown, shape: S) {
  const cleaned = Object.fromEntries(
    Object.entries((query ?? {}) as Record<string, unknown>).filter(([, value]) => value !== ''),
  );
  return parseQuery(cleaned, shape);
}
