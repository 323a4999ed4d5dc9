import type { CatalogBundle } from '../catalog/catalog-bundle.js';
import { buildAliases } from '../catalog/catalog-bundle.js';
import type { Chip, Declaration, Model, RecordKind, System, Vendor } from '../domain/catalog-types.js';
import type { DeclarationRecord } from '../catalog/declaration-record.js';
import type { Db } from './open-database.js';
import { refreshMatrixPairs } from './matrix-cells.js';
import { bumpRevision } from './meta-repository.js';
import { createAuditRepository } from './audit-repository.js';

export interface ImportCounts {
  vendors: number;
  chips: number;
  systems: number;
  models: number;
  software: number;
  declarations: number;
  stacks: number;
  requirementSets: number;
  benchmarks: number;
}

const changed = (db: Db, sql: string, params: unknown[]) => db.prepare(sql).run(...params).changes;

/** What an import needs besides the files: the catalog layer's rules, applied inside the writer's transaction. */
export interface ImportPlan {
  /** Prepares a declaration whose chip belongs to `vendor`; `firstImported` is the first import's date, kept on re-import (an undated declaration's issue date). */
  declarationRecord(d: Declaration, vendor: string, firstImported: string): DeclarationRecord;
  /** The requirement set to make active, if any. */
  activeRequirementSet: string | null;
}

/**
 * Upserts a validated catalog in one transaction. A record whose document is unchanged is not
 * touched, so importing the same data twice changes nothing (not even the data revision).
 */
export function createCatalogWriter(db: Db) {
  const audit = createAuditRepository(db);
  const upsertVendor = (v: Vendor) =>
    changed(
      db,
      `INSERT INTO vendors (id, name_en, name_zh, doc) VALUES (?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET name_en = excluded.name_en, name_zh = excluded.name_zh, doc = excluded.doc
      WHERE vendors.doc IS NOT excluded.doc`,
      [v.id, v.nameEn, v.nameZh ?? null, JSON.stringify(v)],
    );

  const upsertChip = (c: Chip) => {
    const n = changed(
      db,
      `INSERT INTO chips (id, vendor_id, name_en, name_zh, device_class, doc) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET vendor_id = excluded.vendor_id, name_en = excluded.name_en, name_zh = excluded.name_zh,
        device_class = excluded.device_class, doc = excluded.doc
      WHERE chips.doc IS NOT excluded.doc`,
      [c.id, c.vendor, c.nameEn, c.nameZh ?? null, c.deviceClass, JSON.stringify(c)],
    );
    if (n) {
      db.prepare('DELETE FROM chip_precisions WHERE chip_id = ?').run(c.id);
      db.prepare('DELETE FROM chip_pci_ids WHERE chip_id = ?').run(c.id);
      const p = db.prepare('INSERT INTO chip_precisions (chip_id, precision) VALUES (?, ?)');
      for (const precision of c.precisions ?? []) p.run(c.id, precision);
      const pci = db.prepare('INSERT INTO chip_pci_ids (pci_vendor, pci_device, chip_id) VALUES (?, ?, ?)');
      for (const id of c.pciIds) pci.run(id.vendor, id.device, c.id);
    }
    return n;
  };

  const upsertSystem = (s: System) =>
    changed(
      db,
      `INSERT INTO systems (id, vendor_id, chip_id, name_en, doc) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET vendor_id = excluded.vendor_id, chip_id = excluded.chip_id, name_en = excluded.name_en, doc = excluded.doc
      WHERE systems.doc IS NOT excluded.doc`,
      [s.id, s.vendor, s.chip, s.nameEn, JSON.stringify(s)],
    );

  const upsertModel = (m: Model) =>
    changed(
      db,
      `INSERT INTO models (id, family, publisher_id, name_en, parameters_b, doc) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET family = excluded.family, publisher_id = excluded.publisher_id, name_en = excluded.name_en,
        parameters_b = excluded.parameters_b, doc = excluded.doc
      WHERE models.doc IS NOT excluded.doc`,
      [m.id, m.family, m.publisher, m.nameEn, m.parametersB ?? null, JSON.stringify(m)],
    );

  /** Recomputes aliases and the search index from every catalog record in the database. */
  const rebuildNames = () => {
    const all = <T>(table: string) =>
      (db.prepare(`SELECT doc FROM ${table} ORDER BY id`).all() as Array<{ doc: string }>).map(
        (r) => JSON.parse(r.doc) as T,
      );
    const records = [
      ...all<Vendor>('vendors').map((doc) => ({ kind: 'vendor' as const, doc })),
      ...all<Chip>('chips').map((doc) => ({ kind: 'chip' as const, doc })),
      ...all<System>('systems').map((doc) => ({ kind: 'system' as const, doc })),
      ...all<Model>('models').map((doc) => ({ kind: 'model' as const, doc })),
    ];
    db.prepare('DELETE FROM aliases').run();
    db.prepare('DELETE FROM search_index').run();
    const alias = db.prepare('INSERT INTO aliases (kind, key, record_id, name) VALUES (?, ?, ?, ?)');
    for (const a of buildAliases(records).aliases) alias.run(a.kind, a.key, a.recordId, a.name);
    const search = db.prepare('INSERT INTO search_index (kind, record_id, text) VALUES (?, ?, ?)');
    for (const { kind, doc } of records) {
      const names = [doc.id, doc.nameEn, doc.nameZh, ...(doc.aliases ?? [])].filter(Boolean);
      search.run(kind, doc.id, names.join(' \u2022 '));
    }
  };

  const upsertDeclarations = (bundle: CatalogBundle, plan: ImportPlan, at: string) => {
    const vendorOf = new Map(bundle.chips.map((c) => [c.id, c.vendor]));
    const chipVendor = db.prepare('SELECT vendor_id FROM chips WHERE id = ?').pluck();
    const find = db.prepare('SELECT seq, declaration, issued_at AS issuedAt FROM certifications WHERE id = ?');
    const insert =
      db.prepare(`INSERT INTO certifications (id, origin, level, model_id, chip_id, vendor_id, system_id, devices, form,
        deployment_key, issued_at, source_url, facts, declaration)
      VALUES (@id, 'declaration', 0, @model, @chip, @vendor, @system, @devices, @form, @key, @issuedAt, @url, @facts, @declaration)`);
    const update =
      db.prepare(`UPDATE certifications SET model_id = @model, chip_id = @chip, vendor_id = @vendor, system_id = @system,
        devices = @devices, form = @form, deployment_key = @key, issued_at = @issuedAt, source_url = @url, facts = @facts, declaration = @declaration
      WHERE id = @id`);
    const precisions = db.prepare('INSERT INTO certification_precisions (certification_seq, precision) VALUES (?, ?)');
    const clearPrecisions = db.prepare('DELETE FROM certification_precisions WHERE certification_seq = ?');
    let n = 0;
    for (const d of bundle.declarations) {
      const declaration = JSON.stringify(d);
      const prior = find.get(d.id) as { seq: number; declaration: string; issuedAt: string } | undefined;
      if (prior?.declaration === declaration) continue;
      const vendor = vendorOf.get(d.chip) ?? (chipVendor.get(d.chip) as string);
      const record = plan.declarationRecord(d, vendor, prior?.issuedAt ?? at);
      const row = {
        id: d.id,
        model: d.model,
        chip: d.chip,
        vendor,
        system: d.system ?? null,
        devices: d.devices ?? null,
        form: d.form ?? null,
        key: record.deploymentKey,
        issuedAt: record.facts.issuedAt,
        url: d.source.url,
        declaration,
        facts: JSON.stringify(record.facts),
      };
      let seq: number;
      if (prior) {
        update.run(row);
        seq = prior.seq;
        clearPrecisions.run(seq);
      } else seq = Number(insert.run(row).lastInsertRowid);
      for (const p of d.precisions ?? []) precisions.run(seq, p);
      n++;
    }
    return n;
  };

  const upsertStacks = (bundle: CatalogBundle) => {
    const clearChips = db.prepare('DELETE FROM stack_combination_chips WHERE combination_id = ?');
    const chip = db.prepare('INSERT INTO stack_combination_chips (chip_id, combination_id) VALUES (?, ?)');
    let n = 0;
    for (const s of bundle.stacks) {
      const changedRow = changed(
        db,
        `INSERT INTO stack_combinations (id, vendor_id, status, doc) VALUES (?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET vendor_id = excluded.vendor_id, status = excluded.status, doc = excluded.doc
        WHERE stack_combinations.doc IS NOT excluded.doc`,
        [s.id, s.vendor, s.status, JSON.stringify(s)],
      );
      if (!changedRow) continue;
      clearChips.run(s.id);
      for (const c of s.chips) chip.run(c, s.id);
      n++;
    }
    return n;
  };

  const upsertRequirementSets = (bundle: CatalogBundle, active: string | null) => {
    let n = 0;
    for (const { id, doc } of bundle.requirementSets) {
      n += changed(
        db,
        `INSERT INTO requirement_sets (id, active, doc) VALUES (?, 0, ?)
        ON CONFLICT (id) DO UPDATE SET doc = excluded.doc WHERE requirement_sets.doc IS NOT excluded.doc`,
        [id, JSON.stringify(doc)],
      );
    }
    if (active && !db.prepare('SELECT 1 FROM requirement_sets WHERE id = ? AND active = 1').get(active)) {
      db.prepare('UPDATE requirement_sets SET active = 0 WHERE active = 1').run();
      db.prepare('UPDATE requirement_sets SET active = 1 WHERE id = ?').run(active);
    }
    return n;
  };

  const upsertOne = { vendor: upsertVendor, chip: upsertChip, system: upsertSystem, model: upsertModel };

  return {
    /** Upserts one record (admin PUT) with its names, revision bump and audit event; returns whether it changed. */
    putRecord: db.transaction(
      (kind: RecordKind, doc: Vendor | Chip | System | Model, actor: string, at: string): boolean => {
        const changed = (upsertOne[kind] as (d: typeof doc) => number)(doc) > 0;
        if (changed) {
          rebuildNames();
          bumpRevision(db);
          audit.append({ at, actor, action: `${kind}.put`, entity: `${kind}:${doc.id}`, payload: doc });
        }
        return changed;
      },
    ),
    /** Writes the bundle and, when anything changed, one audit event; returns how many records of each kind changed. */
    importBundle: db.transaction((bundle: CatalogBundle, plan: ImportPlan, actor: string, at: string): ImportCounts => {
      const counts: ImportCounts = {
        vendors: bundle.vendors.reduce((n, v) => n + upsertVendor(v), 0),
        chips: bundle.chips.reduce((n, c) => n + upsertChip(c), 0),
        systems: bundle.systems.reduce((n, s) => n + upsertSystem(s), 0),
        models: bundle.models.reduce((n, m) => n + upsertModel(m), 0),
        software: bundle.software.reduce(
          (n, s) =>
            n +
            changed(
              db,
              `INSERT INTO software (id, vendor_id, doc) VALUES (?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET vendor_id = excluded.vendor_id, doc = excluded.doc WHERE software.doc IS NOT excluded.doc`,
              [s.id, s.vendor, JSON.stringify(s)],
            ),
          0,
        ),
        declarations: upsertDeclarations(bundle, plan, at),
        stacks: upsertStacks(bundle),
        requirementSets: upsertRequirementSets(bundle, plan.activeRequirementSet),
        benchmarks: bundle.benchmarks.reduce(
          (n, b) =>
            n +
            changed(
              db,
              `INSERT INTO benchmarks (id, doc) VALUES (?, ?)
          ON CONFLICT (id) DO UPDATE SET doc = excluded.doc WHERE benchmarks.doc IS NOT excluded.doc`,
              [b.id, JSON.stringify(b.doc)],
            ),
          0,
        ),
      };
      if (counts.vendors + counts.chips + counts.systems + counts.models) rebuildNames();
      // Declarations are matrix cells (L0): the pairs they touched are recomputed in this transaction.
      if (counts.declarations) refreshMatrixPairs(db, at);
      if (Object.values(counts).some((n) => n > 0)) {
        bumpRevision(db);
        audit.append({ at, actor, action: 'catalog.import', entity: 'catalog', payload: counts });
      }
      return counts;
    }),
  };
}

export type CatalogWriter = ReturnType<typeof createCatalogWriter>;
