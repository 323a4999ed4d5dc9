/**
 * Hand-written mirror of schemas/submission.v1.schema.json (DESIGN §6.1). The schema is the
 * contract; a document reaches these types only after it validated against it.
 */
import type { StackComponent } from './catalog-types.js';
import type {
  ArtifactKind,
  Channel,
  DeploymentForm,
  DeviceClass,
  Level,
  PerformanceProfile,
  Precision,
  PrecisionClass,
} from './vocabulary.js';

export type { DeploymentForm, DeviceClass, PerformanceProfile, Precision, PrecisionClass, StackComponent };
/** A level as the submission and the level report name it. */
export type LevelId = Level;

export const SUBMISSION_SCHEMA = 'chipreg/submission/v1';

export interface SubmissionDocument {
  schema: typeof SUBMISSION_SCHEMA;
  requirementSet: string;
  claimedLevel: LevelId;
  submitter: Submitter;
  deployment: Deployment;
  evidence: Evidence;
}

export interface Submitter {
  vendor: string;
  contact: string;
}

export interface Deployment {
  model: { id: string; revision: string };
  chip: string;
  system?: string | null;
  devices: number;
  precision: Precision;
  form: DeploymentForm;
  stack: StackComponent[];
  os?: string | null;
}

/** Every section is optional: absent or null means the vendor brings no evidence of that kind. */
export interface Evidence {
  functional?: FunctionalEvidence | null;
  accuracy?: AccuracyEvidence | null;
  performance?: PerformanceEvidence | null;
  reproduction?: ReproductionEvidence | null;
  soak?: SoakEvidence | null;
  artifacts?: Artifact[] | null;
}

export type EvidenceSection = keyof Evidence;

export interface FunctionalEvidence {
  prompts: number;
  completed: number;
  crashes: number;
  nanOrInf: number;
  emptyOutputs: number;
  /** Fraction of samples passing the consistency checks, 0..1. */
  consistency: number;
  /** Fraction of samples equal to the reference platform on the first 32 tokens, 0..1. */
  referenceMatch32: number;
}

export interface Benchmark {
  name: string;
  score: number;
  reference: number;
}

export interface AccuracyEvidence {
  benchmarks: Benchmark[];
  outputLengthRatio: number;
}

export interface PerformanceEvidence {
  profile: PerformanceProfile;
  durationSeconds: number;
  queries: number;
  runs: number;
  spreadPercent: number;
  noCacheSpeedupPercent: number;
  ttftP90Ms?: number;
  ttftP99Ms?: number;
  tpotP99Ms?: number;
  decodeTokensPerSecond?: number;
  throughputTokensPerSecond?: number;
}

export interface ReproductionEvidence {
  by: string;
  throughputDeltaPercent: number;
  accuracyDeltaPoints: number;
}

export interface SoakEvidence {
  hours: number;
  throughputFraction: number;
  crashes: number;
  /** Fraction of failed requests, 0..1 (0.001 = 0.1%). */
  errorRate: number;
}

export interface Artifact {
  kind: ArtifactKind;
  uri: string;
  sha256?: string | null;
}

const CLASS_OF: Readonly<Record<Precision, PrecisionClass>> = {
  fp32: '16bit',
  bf16: '16bit',
  fp16: '16bit',
  fp8: '8bit',
  int8: '8bit',
  w8a8: '8bit',
  w4a16: '4bit',
  w4a8: '4bit',
  int4: '4bit',
  w8a16: '8bit',
};

/** `16bit` for 16 bits or more (fp32, bf16, fp16), `8bit` (fp8, int8, w8a8), `4bit` (w4a16, w4a8, int4): weights decide. */
export function precisionClass(precision: Precision): PrecisionClass {
  return CLASS_OF[precision];
}

/** The precisions of one class, in the catalog's order. */
export function precisionsOfClass(cls: PrecisionClass): Precision[] {
  return (Object.keys(CLASS_OF) as Precision[]).filter((p) => CLASS_OF[p] === cls);
}

/** The release channel of a stack component; an absent channel means `ga`. */
export function channelOf(component: StackComponent): Channel {
  return component.channel ?? 'ga';
}
