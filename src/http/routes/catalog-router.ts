import { Router } from 'express';
import type { CatalogService } from '../../services/catalog-service.js';
import { parseQuery } from '../query.js';
import { queries } from '../request-shapes.js';
import { sendList } from '../respond.js';
import type { CsvColumn } from '../csv.js';
import type { Chip, Model, System, Vendor } from '../../domain/catalog-types.js';


const vendorColumns: CsvColumn<Vendor>[] = [
  { header: 'id', value: (v) => v.id }, { header: 'nameEn', value: (v) => v.nameEn }, { header: 'nameZh', value: (v) => v.nameZh },
  { header: 'roles', value: (v) => v.roles }, { header: 'pciVendorIds', value: (v) => v.pciVendorIds },
];
const chipColumns: CsvColumn<Chip>[] = [
  { header: 'id', value: (c) => c.id }, { header: 'vendor', value: (c) => c.vendor }, { header: 'nameEn', value: (c) => c.nameEn },
  { header: 'nameZh', value: (c) => c.nameZh }, { header: 'deviceClass', value: (c) => c.deviceClass }, { header: 'memoryGiB', value: (c) => c.memoryGiB },
  { header: 'precisions', value: (c) => c.precisions }, { header: 'pciIds', value: (c) => c.pciIds.map((p) => `${p.vendor}:${p.device}`) },
];
const systemColumns: CsvColumn<System>[] = [
  { header: 'id', value: (s) => s.id }, { header: 'vendor', value: (s) => s.vendor }, { header: 'nameEn', value: (s) => s.nameEn },
  { header: 'chip', value: (s) => s.chip }, { header: 'chipsPerSystem', value: (s) => s.chipsPerSystem },
];
const modelColumns: CsvColumn<Model>[] = [
  { header: 'id', value: (m) => m.id }, { header: 'family', value: (m) => m.family }, { header: 'publisher', value: (m) => m.publisher },
  { header: 'nameEn', value: (m) => m.nameEn }, { header: 'parametersB', value: (m) => m.parametersB }, { header: 'modality', value: (m) => m.modality },
];

/** Vendors, chips, systems, models, software and the active requirement set. */
export function catalogRouter(catalog: CatalogService): Router {
  const r = Router();
  r.get('/v1/vendors', (req, res) => {
    const query = parseQuery(req.query, queries.vendors);
    sendList(req, res, catalog.listVendors(query), vendorColumns, 'vendors');
  });
  r.get('/v1/vendors/:id', (req, res) => {
    parseQuery(req.query, queries.none);
    res.json(catalog.getVendor(req.params.id));
  });
  r.get('/v1/chips', (req, res) => {
    const query = parseQuery(req.query, queries.chips);
    sendList(req, res, catalog.listChips(query, query), chipColumns, 'chips');
  });
  r.get('/v1/chips/:id', (req, res) => {
    parseQuery(req.query, queries.none);
    res.json(catalog.getChip(req.params.id));
  });
  r.get('/v1/systems', (req, res) => {
    const query = parseQuery(req.query, queries.systems);
    sendList(req, res, catalog.listSystems(query, query), systemColumns, 'systems');
  });
  r.get('/v1/systems/:id', (req, res) => {
    parseQuery(req.query, queries.none);
    res.json(catalog.getSystem(req.params.id));
  });
  r.get('/v1/models', (req, res) => {
    const query = parseQuery(req.query, queries.models);
    sendList(req, res, catalog.listModels(query, query), modelColumns, 'models');
  });
  r.get('/v1/models/:id', (req, res) => {
    parseQuery(req.query, queries.none);
    res.json(catalog.getModel(req.params.id));
  });
  r.get('/v1/software', (req, res) => {
    const query = parseQuery(req.query, queries.software);
    res.json({ items: catalog.software(query.vendor), nextCursor: null });
  });
  r.get('/v1/levels', (req, res) => {
    parseQuery(req.query, queries.none);
    res.json(catalog.activeRequirementSet());
  });
  return r;
}
