import type { Db } from './open-database.js';
import { moveEvidenceApart } from './evidence-store.js';
import { refreshMatrixPairs } from './matrix-cells.js';

/** SQL, or a step that needs code SQLite lacks (hashing, compression); each runs in the migration's transaction. */
export type Migration = string | ((db: Db) => void);

/**
 * Append-only list of schema migrations, applied in order and tracked by PRAGMA user_version.
 * Never edit a migration once it is on main: add a new one.
 */
export const migrations: readonly Migration[] = [
  // 1. Catalog, requirement sets and certifications.
  `
  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;

  CREATE TABLE vendors (
    id TEXT PRIMARY KEY,
    name_en TEXT NOT NULL,
    name_zh TEXT,
    doc TEXT NOT NULL CHECK (json_valid(doc))
  ) STRICT;

  CREATE TABLE chips (
    id TEXT PRIMARY KEY,
    vendor_id TEXT NOT NULL REFERENCES vendors(id),
    name_en TEXT NOT NULL,
    name_zh TEXT,
    device_class TEXT CHECK (device_class IS NULL OR device_class IN ('datacenter','edge','mobile','vehicle','supercomputer')),
    doc TEXT NOT NULL CHECK (json_valid(doc))
  ) STRICT;
  CREATE INDEX chips_vendor ON chips(vendor_id);
  CREATE INDEX chips_device_class ON chips(device_class);

  CREATE TABLE chip_precisions (
    chip_id TEXT NOT NULL REFERENCES chips(id) ON DELETE CASCADE,
    precision TEXT NOT NULL CHECK (precision IN ('fp32','bf16','fp16','fp8','int8','w8a8','w4a16','w4a8','int4')),
    PRIMARY KEY (precision, chip_id)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE chip_pci_ids (
    pci_vendor TEXT NOT NULL CHECK (length(pci_vendor) = 4),
    pci_device TEXT NOT NULL CHECK (length(pci_device) = 4),
    chip_id TEXT NOT NULL REFERENCES chips(id) ON DELETE CASCADE,
    PRIMARY KEY (pci_vendor, pci_device)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE systems (
    id TEXT PRIMARY KEY,
    vendor_id TEXT NOT NULL REFERENCES vendors(id),
    chip_id TEXT NOT NULL REFERENCES chips(id),
    name_en TEXT NOT NULL,
    doc TEXT NOT NULL CHECK (json_valid(doc))
  ) STRICT;

  CREATE TABLE models (
    id TEXT PRIMARY KEY,
    family TEXT NOT NULL,
    publisher_id TEXT NOT NULL REFERENCES vendors(id),
    name_en TEXT NOT NULL,
    parameters_b REAL CHECK (parameters_b IS NULL OR parameters_b > 0),
    doc TEXT NOT NULL CHECK (json_valid(doc))
  ) STRICT;
  CREATE INDEX models_family ON models(family);

  CREATE TABLE software (
    id TEXT PRIMARY KEY,
    vendor_id TEXT NOT NULL REFERENCES vendors(id),
    doc TEXT NOT NULL CHECK (json_valid(doc))
  ) STRICT;

  -- Every name a record is looked up by, normalised (see domain/name-key.ts).
  CREATE TABLE aliases (
    kind TEXT NOT NULL CHECK (kind IN ('vendor','chip','system','model')),
    key TEXT NOT NULL CHECK (length(key) > 0),
    record_id TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (kind, key)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX aliases_record ON aliases(kind, record_id);

  CREATE VIRTUAL TABLE search_index USING fts5(kind UNINDEXED, record_id UNINDEXED, text, tokenize = 'trigram');

  CREATE TABLE requirement_sets (
    id TEXT PRIMARY KEY,
    active INTEGER NOT NULL CHECK (active IN (0, 1)),
    doc TEXT NOT NULL CHECK (json_valid(doc))
  ) STRICT;
  CREATE UNIQUE INDEX requirement_sets_one_active ON requirement_sets(active) WHERE active = 1;

  -- A certification is an approved submission (levels 1-4) or a sourced public declaration (level 0).
  -- seq orders lists and keyset cursors; id is the public identifier.
  CREATE TABLE certifications (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    origin TEXT NOT NULL CHECK (origin IN ('declaration','submission')),
    level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 4),
    model_id TEXT NOT NULL REFERENCES models(id),
    chip_id TEXT NOT NULL REFERENCES chips(id),
    vendor_id TEXT NOT NULL REFERENCES vendors(id),
    system_id TEXT REFERENCES systems(id),
    devices INTEGER CHECK (devices IS NULL OR devices >= 1),
    form TEXT CHECK (form IS NULL OR form IN ('public-api','cloud-private','local-private','on-device')),
    stack TEXT NOT NULL CHECK (json_valid(stack)),
    deployment_key TEXT NOT NULL,
    requirement_set TEXT,
    submission_id TEXT,
    issued_at TEXT NOT NULL,
    valid_until TEXT,
    superseded_by TEXT,
    revoked_at TEXT,
    revoked_reason TEXT,
    source_url TEXT,
    -- The public facts that never change once issued, derived from the columns above at write time so
    -- a list reads one column per row; status, supersession and revocation stay in their own columns.
    facts TEXT NOT NULL CHECK (json_valid(facts)),
    -- A declaration's source document, to see on import whether it changed.
    declaration TEXT CHECK (declaration IS NULL OR json_valid(declaration)),
    -- The evidence summary of an approved submission, shown on the certification alone.
    evidence TEXT CHECK (evidence IS NULL OR json_valid(evidence)),
    CHECK ((origin = 'declaration') = (level = 0)),
    CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
  ) STRICT;
  CREATE INDEX certifications_model_chip ON certifications(model_id, chip_id, seq);
  CREATE INDEX certifications_model ON certifications(model_id, seq);
  CREATE INDEX certifications_chip ON certifications(chip_id, seq);
  CREATE INDEX certifications_vendor ON certifications(vendor_id, seq);
  CREATE INDEX certifications_deployment ON certifications(deployment_key);
  CREATE INDEX certifications_valid_until ON certifications(valid_until) WHERE valid_until IS NOT NULL;
  -- Covers the matrix: live certifications in model, chip, level order with what the status needs.
  CREATE INDEX certifications_live ON certifications(model_id, chip_id, level DESC, valid_until, id, revoked_at, superseded_by)
    WHERE revoked_at IS NULL AND superseded_by IS NULL;

  CREATE TABLE certification_precisions (
    certification_seq INTEGER NOT NULL REFERENCES certifications(seq) ON DELETE CASCADE,
    precision TEXT NOT NULL CHECK (precision IN ('fp32','bf16','fp16','fp8','int8','w8a8','w4a16','w4a8','int4')),
    PRIMARY KEY (precision, certification_seq)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX certification_precisions_cert ON certification_precisions(certification_seq);
  `,
  // 2. API keys, signing keys, submissions, idempotency replays and the hash-chained audit log.
  `
  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64),
    role TEXT NOT NULL CHECK (role IN ('vendor','reviewer','admin')),
    vendor_id TEXT REFERENCES vendors(id),
    label TEXT,
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    CHECK ((role = 'vendor') = (vendor_id IS NOT NULL))
  ) STRICT;

  CREATE TABLE submissions (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    vendor_id TEXT NOT NULL REFERENCES vendors(id),
    status TEXT NOT NULL CHECK (status IN ('in-review','approved','rejected','changes-requested','withdrawn')),
    revision INTEGER NOT NULL CHECK (revision >= 1),
    previous_id TEXT REFERENCES submissions(id),
    model_id TEXT NOT NULL REFERENCES models(id),
    chip_id TEXT NOT NULL REFERENCES chips(id),
    requirement_set TEXT NOT NULL REFERENCES requirement_sets(id),
    claimed_level INTEGER NOT NULL CHECK (claimed_level BETWEEN 0 AND 4),
    achieved_level INTEGER CHECK (achieved_level IS NULL OR achieved_level BETWEEN 0 AND 4),
    document TEXT NOT NULL CHECK (json_valid(document)),
    report TEXT NOT NULL CHECK (json_valid(report)),
    submitted_by TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    decision TEXT CHECK (decision IS NULL OR decision IN ('approve','reject','request-changes')),
    decided_by TEXT,
    decided_at TEXT,
    decision_note TEXT,
    granted_level INTEGER CHECK (granted_level IS NULL OR granted_level BETWEEN 1 AND 4),
    certification_id TEXT REFERENCES certifications(id),
    CHECK (granted_level IS NULL OR granted_level <= achieved_level)
  ) STRICT;
  CREATE INDEX submissions_vendor ON submissions(vendor_id, seq);
  CREATE INDEX submissions_status ON submissions(status, seq);

  -- Public halves of every signing key ever used, so certificates signed before a rotation still verify.
  CREATE TABLE signing_keys (
    id TEXT PRIMARY KEY,
    algorithm TEXT NOT NULL CHECK (algorithm = 'Ed25519'),
    public_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    retired_at TEXT
  ) STRICT;

  -- First answers to POSTs that carried an Idempotency-Key, per caller.
  CREATE TABLE idempotency_keys (
    caller TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    response TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (caller, key)
  ) STRICT;

  -- Append-only: each row's hash covers the previous row's hash, so an edit, a deletion or a
  -- reordering anywhere breaks the chain from that row on.
  CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    payload_hash TEXT NOT NULL CHECK (length(payload_hash) = 64),
    prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
    hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
  ) STRICT;
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  `,
  // 3. A replayed submission answers what the first one did; the HTTP status is the router's business.
  `
  ALTER TABLE idempotency_keys DROP COLUMN status;
  `,
  // 4. A signing key can be withdrawn (compromised or no longer trusted): its signatures stop verifying.
  `
  ALTER TABLE signing_keys ADD COLUMN withdrawn_at TEXT;
  ALTER TABLE signing_keys ADD COLUMN withdrawn_reason TEXT;
  `,
  // 5. Submission v2 (issue 10): the benchmark registry, the headline operating point of a certification, and the
  // precision `w8a16` (CHECK constraints cannot be altered in SQLite, so the two precision tables are rebuilt).
  `
  CREATE TABLE benchmarks (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL CHECK (json_valid(doc))
  ) STRICT;

  -- The best operating point meeting the profile's latency limits, as the level engine judged it at approval.
  ALTER TABLE certifications ADD COLUMN headline TEXT CHECK (headline IS NULL OR json_valid(headline));

  CREATE TABLE certification_precisions_new (
    certification_seq INTEGER NOT NULL REFERENCES certifications(seq) ON DELETE CASCADE,
    precision TEXT NOT NULL CHECK (precision IN ('fp32','bf16','fp16','fp8','int8','w8a8','w4a16','w4a8','int4','w8a16')),
    PRIMARY KEY (precision, certification_seq)
  ) STRICT, WITHOUT ROWID;
  INSERT INTO certification_precisions_new SELECT certification_seq, precision FROM certification_precisions;
  DROP TABLE certification_precisions;
  ALTER TABLE certification_precisions_new RENAME TO certification_precisions;
  CREATE INDEX certification_precisions_cert ON certification_precisions(certification_seq);

  CREATE TABLE chip_precisions_new (
    chip_id TEXT NOT NULL REFERENCES chips(id) ON DELETE CASCADE,
    precision TEXT NOT NULL CHECK (precision IN ('fp32','bf16','fp16','fp8','int8','w8a8','w4a16','w4a8','int4','w8a16')),
    PRIMARY KEY (precision, chip_id)
  ) STRICT, WITHOUT ROWID;
  INSERT INTO chip_precisions_new SELECT chip_id, precision FROM chip_precisions;
  DROP TABLE chip_precisions;
  ALTER TABLE chip_precisions_new RENAME TO chip_precisions;
  `,
  // 6. One PCI id may belong to several chips (Kunlunxin 1d22:3684 is Kunlun 1 K100/K200 and R300).
  `
  CREATE TABLE chip_pci_ids_shared (
    pci_vendor TEXT NOT NULL CHECK (length(pci_vendor) = 4),
    pci_device TEXT NOT NULL CHECK (length(pci_device) = 4),
    chip_id TEXT NOT NULL REFERENCES chips(id) ON DELETE CASCADE,
    PRIMARY KEY (pci_vendor, pci_device, chip_id)
  ) STRICT, WITHOUT ROWID;
  INSERT INTO chip_pci_ids_shared SELECT pci_vendor, pci_device, chip_id FROM chip_pci_ids;
  DROP TABLE chip_pci_ids;
  ALTER TABLE chip_pci_ids_shared RENAME TO chip_pci_ids;
  `,
  // 7. The stack compatibility catalog (data/stacks/): sourced known-good and known-bad combinations.
  `
  CREATE TABLE stack_combinations (
    id TEXT PRIMARY KEY,
    vendor_id TEXT NOT NULL REFERENCES vendors(id),
    status TEXT NOT NULL CHECK (status IN ('known-good','known-bad')),
    doc TEXT NOT NULL CHECK (json_valid(doc))
  ) STRICT;
  CREATE INDEX stack_combinations_vendor ON stack_combinations(vendor_id, id);

  -- The chips a source names; a combination without rows here applies to every chip of its vendor.
  CREATE TABLE stack_combination_chips (
    chip_id TEXT NOT NULL REFERENCES chips(id),
    combination_id TEXT NOT NULL REFERENCES stack_combinations(id) ON DELETE CASCADE,
    PRIMARY KEY (combination_id, chip_id)
  ) STRICT, WITHOUT ROWID;
  `,
  // 8. The transparency log over the audit log (docs/decisions.md "Transparency log"): its leaves and tiles are
  // computed from audit_log; what the database must keep is the witnesses' cosignatures, and a way to find
  // the event of a certification quickly.
  `
  CREATE INDEX audit_log_entity ON audit_log(entity, action, seq);

  CREATE TABLE tlog_cosignatures (
    tree_size INTEGER NOT NULL CHECK (tree_size >= 1),
    root_hash BLOB NOT NULL CHECK (length(root_hash) = 32),
    witness TEXT NOT NULL,
    key_id INTEGER NOT NULL,
    timestamp INTEGER NOT NULL CHECK (timestamp >= 0),
    line TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (tree_size, witness, key_id, timestamp)
  ) STRICT;
  CREATE TRIGGER tlog_cosignatures_no_update BEFORE UPDATE ON tlog_cosignatures BEGIN SELECT RAISE(ABORT, 'cosignatures are append-only'); END;
  CREATE TRIGGER tlog_cosignatures_no_delete BEFORE DELETE ON tlog_cosignatures BEGIN SELECT RAISE(ABORT, 'cosignatures are append-only'); END;
  `,
  // 9. Storage for scale (issue 14, docs/decisions.md 30): evidence stored once per distinct content, compressed,
  // apart from the listed rows; and the matrix maintained per model × chip instead of aggregated per request.
  (db) => {
    db.exec(`
    -- An approval's evidence summary (JSON text, byte for byte as written), compressed and stored once per
    -- distinct content: hash is the SHA-256 of that text.
    CREATE TABLE evidence (
      id INTEGER PRIMARY KEY,
      hash BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),
      codec TEXT NOT NULL CHECK (codec = 'deflate-raw'),
      body BLOB NOT NULL
    ) STRICT;
    ALTER TABLE certifications ADD COLUMN evidence_id INTEGER REFERENCES evidence(id);

    -- The matrix as it is at one instant (meta 'matrix_at'), per pair and precision ('' = any): the best active level
    -- and the active certifications at it. Between that instant and another, only the pairs of certifications whose
    -- validity ends in between differ (found through certifications_valid_until).
    CREATE TABLE matrix_cells (
      precision TEXT NOT NULL,
      model_id TEXT NOT NULL,
      chip_id TEXT NOT NULL,
      level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 4),
      ids TEXT NOT NULL,
      PRIMARY KEY (precision, model_id, chip_id)
    ) STRICT, WITHOUT ROWID;

    -- Pairs a write touched, until the writer recomputes them in the same transaction (emptied then).
    CREATE TABLE matrix_dirty (
      model_id TEXT NOT NULL,
      chip_id TEXT NOT NULL,
      PRIMARY KEY (model_id, chip_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TRIGGER certifications_matrix_insert AFTER INSERT ON certifications BEGIN
      INSERT OR IGNORE INTO matrix_dirty VALUES (new.model_id, new.chip_id);
    END;
    CREATE TRIGGER certifications_matrix_update
      AFTER UPDATE OF model_id, chip_id, level, valid_until, superseded_by, revoked_at ON certifications BEGIN
      INSERT OR IGNORE INTO matrix_dirty VALUES (old.model_id, old.chip_id);
      INSERT OR IGNORE INTO matrix_dirty VALUES (new.model_id, new.chip_id);
    END;
    CREATE TRIGGER certifications_matrix_delete AFTER DELETE ON certifications BEGIN
      INSERT OR IGNORE INTO matrix_dirty VALUES (old.model_id, old.chip_id);
    END;
    CREATE TRIGGER certification_precisions_matrix_insert AFTER INSERT ON certification_precisions BEGIN
      INSERT OR IGNORE INTO matrix_dirty SELECT model_id, chip_id FROM certifications WHERE seq = new.certification_seq;
    END;
    CREATE TRIGGER certification_precisions_matrix_delete AFTER DELETE ON certification_precisions BEGIN
      INSERT OR IGNORE INTO matrix_dirty SELECT model_id, chip_id FROM certifications WHERE seq = old.certification_seq;
    END;
    INSERT INTO matrix_dirty SELECT DISTINCT model_id, chip_id FROM certifications;
    -- The matrix was its only reader; the cells replace it.
    DROP INDEX certifications_live;
    -- Supersession looks a deployment up by its key; 64 bits of the SHA-256 find it at a quarter of the index's size
    -- (the full key is compared on the row).
    DROP INDEX certifications_deployment;
    CREATE INDEX certifications_deployment_prefix ON certifications(substr(deployment_key, 1, 16));
    `);
    moveEvidenceApart(db);
    // The stack is in facts already (a quarter of a row twice).
    db.exec('ALTER TABLE certifications DROP COLUMN evidence; ALTER TABLE certifications DROP COLUMN stack');
    refreshMatrixPairs(db, new Date().toISOString());
  },
];
