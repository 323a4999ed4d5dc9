import { Router } from 'express';
import type { CatalogService } from '../../services/catalog-service.js';
import type { z } from 'zod';
import { idParam, parseQuery } from '../query.js';
import { queries } from '../request-shapes.js';
import { sendList, type Page } from '../respond.js';
import type { CsvColumn } from '../../format/csv.js';
import type { Chip, Model, System, Vendor } from '../../domain/catalog-types.js';

const vendorColumns: CsvColumn<Vendor>[] = [
  { header: 'id', value: (v) => v.id },
  { header: 'nameEn', value: (v) => v.nameEn },
  { header: 'nameZh', value: (v) => v.nameZh },
  { header: 'roles', value: (v) => v.roles },
  { header: 'pciVendorIds', value: (v) => v.pciVendorIds },
];
const chipColumns: CsvColumn<Chip>[] = [
  { header: 'id', value: (c) => c.id },
  { header: 'vendor', value: (c) => c.vendor },
  { header: 'nameEn', value: (c) => c.nameEn },
  { header: 'nameZh', value: (c) => c.nameZh },
  { header: 'deviceClass', value: (c) => c.deviceClass },
  { header: 'memoryGiB', value: (c) => c.memoryGiB },
  { header: 'precisions', value: (c) => c.precisions },
  { header: 'pciIds', value: (c) => c.pciIds.map((p) => `${p.vendor}:${p.device}`) },
];
const systemColumns: CsvColumn<System>[] = [
  { header: 'id', value: (s) => s.id },
  { header: 'vendor', value: (s) => s.vendor },
  { header: 'nameEn', value: (s) => s.nameEn },
  { header: 'chip', value: (s) => s.chip },
  { header: 'chipsPerSystem', value: (s) => s.chipsPerSystem },
];
const modelColumns: CsvColumn<Model>[] = [
  { header: 'id', value: (m) => m.id },
  { header: 'family', value: (m) => m.family },
  { header: 'publisher', value: (m) => m.publisher },
  { header: 'nameEn', value: (m) => m.nameEn },
  { header: 'parametersB', value: (m) => m.parametersB },
  { header: 'modality', value: (m) => m.modality },
];

/** One catalog resource: a filtered, paged list with a CSV twin, and a record by id, alias or name. */
function resource<S extends z.ZodRawShape, T>(
  r: Router,
  path: string,
  shape: S,
  list: (query: z.output<z.ZodObject<S>>) => Page<T>,
  get: (id: string) => unknown,
  columns: CsvColumn<T>[],
) {
  r.get(`/v1/${path}`, (req, res) => {
    sendList(req, res, list(parseQuery(req.query, shape)), columns, path);
  });
  r.get(`/v1/${path}/:id`, (req, res) => {
    parseQuery(req.query, queries.none);
    res.json(get(idParam(req)));
  });
}

/** Vendors, chips, systems, models, software, the requirement sets and the benchmark registry. */
export function catalogRouter(catalog: CatalogService): Router {
  const r = Router();
  resource(r, 'vendors', queries.vendors, (q) => catalog.listVendors(q), catalog.getVendor, vendorColumns);
  resource(r, 'chips', queries.chips, (q) => catalog.listChips(q, q), catalog.getChip, chipColumns);
  resource(r, 'systems', queries.systems, (q) => catalog.listSystems(q, q), catalog.getSystem, systemColumns);
  resource(r, 'models', queries.models, (q) => catalog.listModels(q, q), catalog.getModel, modelColumns);
  r.get('/v1/software', (req, res) => {
    const query = parseQuery(req.query, queries.software);
    res.json({ items: catalog.software(query.vendor), nextCursor: null });
  });
  r.get('/v1/levels', (req, res) => {
    const { set } = parseQuery(req.query, queries.levels);
    res.json(set === undefined ? catalog.activeRequirementSet() : catalog.requirementSet(set));
  });
  r.get('/v1/levels/sets', (req, res) => {
    parseQuery(req.query, queries.none);
    res.json({ items: catalog.requirementSets() });
  });
  r.get('/v1/benchmarks', (req, res) => {
    res.json({ items: catalog.listBenchmarks(parseQuery(req.query, queries.benchmarks)) });
  });
  r.get('/v1/benchmarks/:id', (req, res) => {
    parseQuery(req.query, queries.none);
    res.json(catalog.getBenchmark(idParam(req)));
  });
  return r;
}
