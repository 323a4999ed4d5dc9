/**
 * Every closed vocabulary of chipreg, defined once. Types, zod shapes, SQL CHECKs and code read these
 * constants; `test/unit/schema-vocabulary.test.ts` fails when a JSON Schema enum in `schemas/` and its
 * constant here differ, so the public contract and the code cannot drift apart.
 */

/** The certification ladder, lowest first: a level's rank is its index. */
export const LEVELS = ['L0', 'L1', 'L2', 'L3', 'L4'] as const;
export type Level = (typeof LEVELS)[number];
export const levelRank = (level: string): number => LEVELS.indexOf(level as Level);
export const levelName = (rank: number): Level => LEVELS[rank]!;
export const isLevel = (value: string): value is Level => levelRank(value) >= 0;
/** The levels a reviewer can grant: L0 is a declaration, never a decision. */
export const VERIFIED_LEVELS = ['L1', 'L2', 'L3', 'L4'] as const satisfies readonly Level[];

export const CERTIFICATION_STATUSES = ['active', 'expired', 'superseded', 'revoked'] as const;
export type CertificationStatus = (typeof CERTIFICATION_STATUSES)[number];
/** The statuses the signed revocation list names: a certification replaced or withdrawn before its expiry. */
export const REVOKED_STATUSES = ['revoked', 'superseded'] as const satisfies readonly CertificationStatus[];
export type RevokedStatus = (typeof REVOKED_STATUSES)[number];

export const CERTIFICATION_ORIGINS = ['declaration', 'submission'] as const;
export type CertificationOrigin = (typeof CERTIFICATION_ORIGINS)[number];

export const SUBMISSION_STATUSES = ['in-review', 'approved', 'rejected', 'changes-requested', 'withdrawn'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export const DECISIONS = ['approve', 'reject', 'request-changes'] as const;
export type Decision = (typeof DECISIONS)[number];

export const ROLES = ['vendor', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Canonical precision names: a deployment's weight / activation dtypes named once (`w8a8` = int8
 * weights and activations). A bare weight dtype (`int8`, `int4`) says nothing about activations.
 */
export const PRECISIONS = ['fp32', 'bf16', 'fp16', 'fp8', 'int8', 'w8a8', 'w4a16', 'w4a8', 'int4', 'w8a16'] as const;
export type Precision = (typeof PRECISIONS)[number];

/** The dtypes of a precision's parts (weights, activations, KV cache) in submission v2. */
export const DTYPES = ['fp32', 'bf16', 'fp16', 'fp8', 'int8', 'int4'] as const;
export type Dtype = (typeof DTYPES)[number];

export const PRECISION_CLASSES = ['16bit', '8bit', '4bit'] as const;
export type PrecisionClass = (typeof PRECISION_CLASSES)[number];

export const DEPLOYMENT_FORMS = ['public-api', 'cloud-private', 'local-private', 'on-device'] as const;
export type DeploymentForm = (typeof DEPLOYMENT_FORMS)[number];

export const DEVICE_CLASSES = ['datacenter', 'edge', 'mobile', 'vehicle', 'supercomputer'] as const;
export type DeviceClass = (typeof DEVICE_CLASSES)[number];

export const COMPONENT_KINDS = [
  'driver',
  'firmware',
  'sdk',
  'compiler',
  'framework',
  'plugin',
  'engine',
  'os',
] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

export const CHANNELS = ['ga', 'rc', 'nightly'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** What an organisation does; any organisation with a key may submit (a lab measures any vendor's chip). */
export const VENDOR_ROLES = [
  'chip-maker',
  'system-maker',
  'device-maker',
  'model-publisher',
  'integrator',
  'independent-lab',
] as const;
export type VendorRole = (typeof VENDOR_ROLES)[number];

export const MODALITIES = ['text', 'code', 'vision-language', 'multimodal'] as const;
export type Modality = (typeof MODALITIES)[number];

export const PERFORMANCE_PROFILES = ['chat-server', 'interactive', 'single-stream'] as const;
export type PerformanceProfile = (typeof PERFORMANCE_PROFILES)[number];

/** How an operating point was loaded (MLPerf scenarios): many concurrent requests, a batch, a tight-latency server, one at a time. */
export const SCENARIOS = ['server', 'offline', 'interactive', 'single-stream'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** Whether a benchmark's score improves upwards (accuracy) or downwards (perplexity). */
export const BENCHMARK_DIRECTIONS = ['higher', 'lower'] as const;
export type BenchmarkDirection = (typeof BENCHMARK_DIRECTIONS)[number];

/** How a score is written: 0–1, 0–100, or an unbounded positive value (perplexity). */
export const SCORE_SCALES = ['fraction', 'percent', 'positive'] as const;
export type ScoreScale = (typeof SCORE_SCALES)[number];

/** The submission document schemas; each requirement set judges one of them. */
export const SUBMISSION_SCHEMAS = ['chipreg/submission/v1', 'chipreg/submission/v2'] as const;
export type SubmissionSchemaId = (typeof SUBMISSION_SCHEMAS)[number];

/** What a requirement set does with evidence a document does not give: v1 sets fail it, 2026.2 reports it not measured. */
export const ABSENT_EVIDENCE = ['fail', 'not-measured'] as const;
export type AbsentEvidence = (typeof ABSENT_EVIDENCE)[number];

export const ARTIFACT_KINDS = ['environment', 'log', 'results', 'config', 'other'] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

/** What a check of the level engine answers; `not-measured` (the evidence does not give the value) is never a pass. */
export const CHECK_OUTCOMES = ['pass', 'fail', 'not-applicable', 'not-measured'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

export const COMPARISONS = ['>=', '<=', '==', '<', '>', 'in'] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** How a check's message template renders its numbers. */
export const VALUE_FORMATS = ['number', 'fraction'] as const;
export type ValueFormat = (typeof VALUE_FORMATS)[number];

/** Derived metrics the level engine computes; everything else a check reads is a JSON pointer into the submission. */
export const DERIVED_METRICS = [
  'submitter.authenticated',
  'model.revisionPinned',
  'stack.allVersioned',
  'stack.allGa',
  'stack.nightlyCount',
  'functional.completedRatio',
  'accuracy.benchmarkCount',
  'accuracy.minRatio',
  'accuracy.outputLengthDeviation',
  'reproduction.independent',
  'reproduction.throughputDeviationPercent',
  'reproduction.accuracyDeviationPoints',
  'artifacts.hasEnvironment',
  'artifacts.allHaveSha256',
  'performance.pointCount',
  'point.durationSeconds',
  'point.requests',
  'point.failedFraction',
  'point.ttftP90Ms',
  'point.ttftP99Ms',
  'point.tpotP99Ms',
  'point.decodeTokensPerSecond',
] as const;
export type DerivedMetric = (typeof DERIVED_METRICS)[number];

export const VERDICTS = ['certified', 'certified-provisional', 'related', 'not-certified'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** How a precision query matched: by weight dtype (`int8` → w8a8, w8a16) or exactly. */
export const PRECISION_MATCH_RULES = ['weights', 'exact'] as const;
export type PrecisionMatchRule = (typeof PRECISION_MATCH_RULES)[number];

export const STACK_MATCHES = ['exact', 'provisional'] as const;
export type StackMatch = (typeof STACK_MATCHES)[number];

/** The fields in which a related certification can differ from a compatibility query. */
export const DIFFERENCE_FIELDS = ['status', 'level', 'precision', 'form', 'stack'] as const;
export type DifferenceField = (typeof DIFFERENCE_FIELDS)[number];

export const SEARCH_KINDS = ['vendor', 'chip', 'system', 'model'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** The machine-dump forms `identify` reads (lspci in any form, sysfs, and the vendors' management tools). */
export const INPUT_FORMATS = [
  'lspci',
  'lspci-vmm',
  'sysfs',
  'npu-smi',
  'hy-smi',
  'cnmon',
  'xpu-smi',
  'ixsmi',
  'mx-smi',
  'mthreads-gmi',
  'efsmi',
  'bm-smi',
] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];
/** What a source says about a stack combination (`data/stacks/`). */
export const STACK_STATUSES = ['known-good', 'known-bad'] as const;
export type StackStatus = (typeof STACK_STATUSES)[number];

/** What `/v1/stacks/check` answers: a sourced combination covers the stack, a source says it fails, or neither. */
export const STACK_VERDICTS = ['known-good', 'known-bad', 'unknown'] as const;
export type StackVerdict = (typeof STACK_VERDICTS)[number];

/** One step of an upgrade path. */
export const UPGRADE_ACTIONS = ['upgrade', 'downgrade', 'change', 'add'] as const;
export type UpgradeAction = (typeof UPGRADE_ACTIONS)[number];

/** Which claim an upgrade path leads to. */
export const UPGRADE_BASES = ['certification', 'declaration'] as const;

/** What asks for an upgrade step: the target claim, or the stack combination that completes it. */
export const UPGRADE_REASONS = ['certification', 'declaration', 'stack-combination'] as const;
