import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { pino } from 'pino';
import type { Db } from './db/open-database.js';
import { createCatalogRepository } from './db/catalog-repository.js';
import { createCertificationRepository } from './db/certification-repository.js';
import { createMetaRepository } from './db/meta-repository.js';
import { createHealthRepository } from './db/health-repository.js';
import { createNameRepository } from './db/name-repository.js';
import { createNameResolver, memoizedNameIndex } from './domain/name-resolver.js';
import { packageRoot } from './package-root.js';
import { createSchemaRegistry, type SchemaRegistry } from './schemas/schema-registry.js';
import { createCatalogService } from './services/catalog-service.js';
import { createCertificationService } from './services/certification-service.js';
import { createCompatibilityService } from './services/compatibility-service.js';
import { createMatrixService } from './services/matrix-service.js';
import { createAuditRepository } from './db/audit-repository.js';
import { createCertificationWriter } from './db/certification-writer.js';
import { createCatalogWriter } from './db/catalog-writer.js';
import { createKeyRepository } from './db/key-repository.js';
import { createSubmissionRepository } from './db/submission-repository.js';
import { createKeyService } from './services/key-service.js';
import { createSubmissionService } from './services/submission-service.js';
import { createValidationService } from './services/validation-service.js';
import { createSigningKeyRepository } from './db/signing-key-repository.js';
import { certificateBody, createCertificateService } from './services/certificate-service.js';
import { createTlogRepository } from './db/tlog-repository.js';
import { createRevocationListService } from './services/revocation-list-service.js';
import { createTransparencyLogService } from './services/transparency-log-service.js';
import { defaultLogOrigin } from './config.js';
import type { SigningKey } from './signing/signing-key-file.js';
import { createCatalogAdminService } from './services/catalog-admin-service.js';
import { createIdentifyService } from './services/identify-service.js';
import { shippedPciIds } from './services/pci-ids-source.js';
import { createStackRepository } from './db/stack-repository.js';
import { createStackService } from './services/stack-service.js';
import type { ReplicaStatus } from './replica/replica-status.js';

export interface DepsOptions {
  db: Db;
  log?: Logger;
  /** The clock; tests move it to see certifications expire. */
  now?: () => Date;
  schemas?: SchemaRegistry;
  /** The key certificates are signed with; null where nothing is signed (the CLI's read-only commands). */
  signingKey?: SigningKey | null;
  /** The transparency log's checkpoint origin line (default: `<host name>/tlog`). */
  logOrigin?: string;
  /** Verifier keys of the witnesses whose cosignatures the log accepts. */
  witnessKeys?: readonly string[];
  /** Set on a read replica: it refuses writes and reports how far behind the primary it is. */
  replica?: () => ReplicaStatus;
}

/** The composition root: database → repositories → services. Shared by the server, the CLI and tests. */
export function createDeps(options: DepsOptions) {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? pino({ level: 'silent' });
  const schemas = options.schemas ?? createSchemaRegistry();
  const version = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string })
    .version;

  const meta = createMetaRepository(db);
  const health = createHealthRepository(db, () => now().getTime());
  const catalogRepo = createCatalogRepository(db);
  const certificationRepo = createCertificationRepository(db);
  const nameRepo = createNameRepository(db);
  const names = createNameResolver(nameRepo);
  // Lookups never write, so they may resolve names from a memo that forgets at every commit.
  const readNames = createNameResolver(memoizedNameIndex(nameRepo, meta.changeStamp));
  const audit = createAuditRepository(db);
  const stacks = createStackService({
    names,
    catalog: catalogRepo,
    stacks: createStackRepository(db),
    certifications: certificationRepo,
    revision: meta.revision,
    now,
  });
  const validation = createValidationService({
    schemas,
    names,
    catalog: catalogRepo,
    components: stacks.directory,
    revision: meta.revision,
  });
  const certifications = createCertificationService({ names: readNames, certifications: certificationRepo, now });
  const tlog = createTransparencyLogService({
    repo: createTlogRepository(db),
    key: options.signingKey ?? null,
    origin: options.logOrigin ?? defaultLogOrigin(),
    witnessKeys: options.witnessKeys ?? [],
    now,
  });

  return {
    db,
    log,
    now,
    schemas,
    version,
    replica: options.replica ?? null,
    meta,
    names,
    audit,
    validation,
    health,
    catalog: createCatalogService({ catalog: catalogRepo, names: nameRepo, resolver: names }),
    catalogAdmin: createCatalogAdminService({
      writer: createCatalogWriter(db),
      schemas,
      catalog: catalogRepo,
      names,
      now,
    }),
    certifications,
    tlog,
    revocations: createRevocationListService({ key: options.signingKey ?? null, certifications, tlog, now }),
    certificates: createCertificateService({
      db,
      key: options.signingKey ?? null,
      keys: createSigningKeyRepository(db),
      audit,
      certifications,
      tlog,
      now,
    }),
    compatibility: createCompatibilityService({
      names: readNames,
      certifications: certificationRepo,
      components: stacks,
      now,
    }),
    matrix: createMatrixService({
      catalog: catalogRepo,
      certifications: certificationRepo,
      freshness: meta.freshness,
      now,
    }),
    stacks,
    identify: createIdentifyService({ catalog: catalogRepo, certifications, pciIds: shippedPciIds() }),
    keys: createKeyService({ db, keys: createKeyRepository(db), audit, names, now }),
    submissions: createSubmissionService({
      db,
      submissions: createSubmissionRepository(db),
      certifications: createCertificationWriter(db, now),
      audit,
      validation,
      certificateBodyOf: (id) => certificateBody(certifications.get(id)),
      now,
    }),
  };
}

export type Deps = ReturnType<typeof createDeps>;
