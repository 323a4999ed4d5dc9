import type { Chip, DeploymentForm, Model } from '../src/domain/catalog-types.js';
import { get } from './child-server.js';
import type { Random } from './seeded-random.js';
import { deploymentPicker, type Catalog } from './synthetic-certifications.js';
import { stackQuery } from './synthetic-stacks.js';

const FORMS: DeploymentForm[] = ['public-api', 'cloud-private', 'local-private', 'on-device'];
const qs = (params: Record<string, string | undefined>) =>
  Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
    .join('&');
/** How users name things: mostly the id, sometimes an alias (SKU, repository id, Chinese name). */
const nameOf = (random: Random, record: Model | Chip, aliasShare: number) =>
  random.chance(aliasShare) && record.aliases.length ? random.pick(record.aliases) : record.id;

/**
 * `GET /v1/compatibility` queries over many model × chip pairs: seven in ten ask about a popular
 * (often certified) pair, the rest about any pair; some add precision, form, level or stack.
 */
export function compatibilityPaths(random: Random, catalog: Catalog, count = 3000): string[] {
  const popular = deploymentPicker(catalog);
  return Array.from({ length: count }, () => {
    const d = popular(random);
    const uniform = random.chance(0.3);
    const model = uniform ? random.pick(catalog.models) : catalog.models.find((m) => m.id === d.model)!;
    const chip = uniform ? random.pick(catalog.chips) : catalog.chips.find((c) => c.id === d.chip)!;
    return `/v1/compatibility?${qs({
      model: nameOf(random, model, 0.2),
      chip: nameOf(random, chip, 0.3),
      precision: random.chance(0.25) ? d.precision : undefined,
      deployment: random.chance(0.15) ? d.form : undefined,
      minLevel: random.chance(0.1) ? random.pick(['L2', 'L3']) : undefined,
      stack: !uniform && random.chance(0.15) ? stackQuery(random, d.stack) : undefined,
    })}`;
  });
}

/** First pages of `GET /v1/certifications` under the filters people combine. */
export function certificationListPaths(random: Random, catalog: Catalog, count = 150): string[] {
  const popular = deploymentPicker(catalog);
  return Array.from({ length: count }, () => {
    const d = popular(random);
    const filters = random.weighted<Record<string, string | undefined>>([
      [{ model: d.model }, 3],
      [{ chip: d.chip }, 3],
      [{ model: d.model, chip: d.chip }, 2],
      [{ vendor: d.vendor, minLevel: 'L3' }, 1],
      [{ chip: d.chip, precision: d.precision }, 1],
      [{ model: d.model, deployment: random.pick(FORMS), status: 'active' }, 1],
      [{ minLevel: 'L4' }, 1],
    ]);
    return `/v1/certifications?${qs({ ...filters, limit: String(random.pick([20, 50, 50, 100])) })}`;
  });
}

/** Adds the second page of every first page that has one, with the cursor the server issued. */
export async function withCursors(origin: string, paths: string[]): Promise<string[]> {
  const out = [...paths];
  for (const path of paths) {
    const answer = await get(origin, path);
    if (answer.status !== 200)
      throw new Error(`bench: ${path} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
    const cursor = (JSON.parse(answer.body) as { nextCursor?: string | null }).nextCursor;
    if (cursor) out.push(`${path}&cursor=${encodeURIComponent(cursor)}`);
  }
  return out;
}

/** `GET /v1/search` terms: whole and partial names, aliases, Chinese names, vendors. */
export function searchPaths(random: Random, catalog: Catalog, count = 500): string[] {
  const names = [...catalog.models, ...catalog.chips].flatMap((r) => [
    r.id,
    r.nameEn,
    r.nameZh ?? r.nameEn,
    ...r.aliases,
  ]);
  return Array.from({ length: count }, () => {
    const name = random.pick(names);
    const length = random.chance(0.5) ? name.length : random.int(Math.min(3, name.length), name.length);
    const start = random.int(0, name.length - length);
    return `/v1/search?${qs({ q: name.slice(start, start + length), limit: random.chance(0.5) ? '10' : undefined })}`;
  });
}

/** The matrix views users open: everything, by device class, by level. */
export const MATRIX_PATHS = [
  '/v1/matrix',
  '/v1/matrix?deviceClass=datacenter',
  '/v1/matrix?minLevel=L3',
  '/v1/matrix?deviceClass=edge',
  '/v1/matrix?minLevel=L2&deviceClass=datacenter',
];

/** Sends every path once and fails loudly on anything but 200, so a bench bug never measures 400s. */
export async function preflight(origin: string, paths: string[]): Promise<void> {
  for (const path of new Set(paths)) {
    const answer = await get(origin, path);
    if (answer.status !== 200)
      throw new Error(`bench: ${path} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
  }
}

/** The body size in bytes of each path's answer (one GET each), for a baseline that sends as much. */
export async function answerBytes(origin: string, paths: string[]): Promise<number[]> {
  const sizes: number[] = [];
  for (const path of paths) sizes.push(Buffer.byteLength((await get(origin, path)).body));
  return sizes;
}
