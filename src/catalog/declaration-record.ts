import type { CatalogBundle } from './catalog-bundle.js';
import type { Declaration } from '../domain/catalog-types.js';
import { declarationFacts, type CertificationFacts } from '../domain/certification-view.js';
import { deploymentKey } from '../domain/deployment-key.js';

/** A declaration as the catalog writer stores it: its axes, deployment key and public facts computed here. */
export interface DeclarationRecord {
  declaration: Declaration;
  vendor: string;
  deploymentKey: string;
  facts: CertificationFacts;
}

/**
 * When a declaration was issued: the date of its source. Only an undated declaration (its source's date
 * is unknown) falls back to `firstImported`, kept on re-import so its date does not move when its file is edited.
 */
export function declarationIssuedAt(d: Declaration, firstImported: string): string {
  return d.date ? `${d.date}T00:00:00.000Z` : firstImported;
}

/** Prepares a declaration for storage. `vendor` is its chip's vendor; its issue date is `declarationIssuedAt`. */
export function declarationRecord(d: Declaration, vendor: string, firstImported: string): DeclarationRecord {
  const issuedAt = declarationIssuedAt(d, firstImported);
  const key = deploymentKey({
    model: d.model,
    chip: d.chip,
    system: d.system ?? null,
    devices: d.devices ?? null,
    precision: null,
    form: d.form ?? null,
    stack: d.stack ?? [],
  });
  return { declaration: d, vendor, deploymentKey: key, facts: declarationFacts(d, vendor, key, issuedAt) };
}

/** The requirement set an import makes active: the newest by its version-like id (`2026.10` after `2026.9`). */
export function newestRequirementSet(bundle: CatalogBundle): string | null {
  // The active set is the newest set of v1 documents (GET /v1/levels, /v1/meta); a set of v2 documents is
  // found by the id a document names.
  const ids = bundle.requirementSets
    .filter(({ doc }) => (doc.submissionSchema ?? 'chipreg/submission/v1') === 'chipreg/submission/v1')
    .map((s) => s.id);
  return ids.sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))[0] ?? null;
}
