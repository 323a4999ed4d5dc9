import type { Deps } from '../../src/deps.js';
import { createCertificationWriter, type NewCertification } from '../../src/db/certification-writer.js';
import { deploymentKey } from '../../src/domain/deployment-key.js';
import type { StackComponent } from '../../src/domain/catalog-types.js';
import { certificateBody } from '../../src/services/certificate-service.js';

/** Inserts an approved certification straight through the writer, and logs its issuance: valid by construction, overridable per test. */
export function addCertification(deps: Deps, overrides: Partial<Omit<NewCertification, 'deploymentKey'>> = {}): string {
  const stack: StackComponent[] = overrides.stack ?? [
    { kind: 'sdk', name: 'CANN', version: '8.0.0', channel: 'ga' },
    { kind: 'plugin', name: 'torch_npu', version: '2.1.0', channel: 'ga' },
  ];
  const base = {
    level: 3,
    model: 'chatglm3-6b',
    chip: 'huawei-ascend-910b',
    vendor: 'huawei',
    system: null,
    devices: 1,
    precision: 'bf16' as const,
    form: 'local-private' as const,
    requirementSet: '2026.1',
    submissionId: null,
    issuedAt: deps.now().toISOString(),
    validUntil: new Date(deps.now().getTime() + 365 * 86400_000).toISOString(),
    preview: false,
    highAccuracy: false,
    evidence: { modelRevision: 'a5ba5501eb873d40d48bd0983bd2a8dd006bb838', os: null, checks: [] },
    ...overrides,
    stack,
  };
  const key = deploymentKey({
    model: base.model,
    chip: base.chip,
    system: base.system,
    devices: base.devices,
    precision: base.precision,
    form: base.form,
    stack,
  });
  return deps.db.transaction(() => {
    const { id } = createCertificationWriter(deps.db).insert({ ...base, deploymentKey: key });
    // Logged as the submission service logs an issuance, so the certificate carries its log proof.
    deps.audit.append({
      at: base.issuedAt,
      actor: 'test',
      action: 'certification.issue',
      entity: `certification:${id}`,
      payload: certificateBody(deps.certifications.get(id)),
    });
    return id;
  })();
}
