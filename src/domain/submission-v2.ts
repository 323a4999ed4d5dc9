/**
 * Hand-written mirror of schemas/submission.v2.schema.json. Every measured value is optional:
 * unmeasured means absent. A document reaches these types only after it validated.
 */
import type { PrecisionParts } from './precision-parts.js';
import type {
  ArtifactKind,
  Channel,
  ComponentKind,
  DeploymentForm,
  Level,
  PerformanceProfile,
  Scenario,
  ScoreScale,
} from './vocabulary.js';

export const SUBMISSION_V2_SCHEMA = 'chipreg/submission/v2';

export interface Tool {
  name: string;
  version?: string;
  command?: string;
}

export interface LatencyDistribution {
  mean?: number;
  p50?: number;
  p90?: number;
  p95?: number;
  p99?: number;
  min?: number;
  max?: number;
}

export interface OperatingPoint {
  id?: string;
  tool: Tool;
  scenario: Scenario;
  concurrency?: number;
  requestRate?: number;
  streaming?: boolean;
  input?: { dataset?: string; meanTokens?: number };
  output?: { meanTokens?: number; maxTokens?: number };
  devices?: number;
  parallelism?: { tp?: number; pp?: number; dp?: number; ep?: number };
  durationSeconds?: number;
  requests?: { total?: number; succeeded?: number; failed?: number };
  throughput?: {
    requestsPerSecond?: number;
    outputTokensPerSecond?: number;
    totalTokensPerSecond?: number;
    outputTokensPerSecondPerDevice?: number;
  };
  latencyMs?: {
    ttft?: LatencyDistribution;
    tpot?: LatencyDistribution;
    itl?: LatencyDistribution;
    e2e?: LatencyDistribution;
  };
  decodeTokensPerSecond?: number;
}

export interface BenchmarkScore {
  benchmark: string;
  score: number;
  reference?: number;
  scale?: ScoreScale;
  metric?: string;
  shots?: number;
  samples?: number;
  subset?: string;
  tool?: Tool;
}

export interface StackComponentV2 {
  kind: ComponentKind;
  name: string;
  version?: string;
  channel?: Channel;
}

export interface SubmissionV2 {
  schema: typeof SUBMISSION_V2_SCHEMA;
  requirementSet: string;
  claimedLevel: Level;
  submitter: { organization: string; contact?: string };
  measuredBy?: string;
  source?: { url: string; confidence?: string; note?: string };
  deployment: {
    model: { id: string; revision?: string };
    chip: string;
    system?: string;
    devices?: number;
    precision?: PrecisionParts;
    form?: DeploymentForm;
    stack?: StackComponentV2[];
    os?: string;
    container?: { image: string; digest?: string };
  };
  evidence: {
    functional?: {
      prompts?: number;
      completed?: number;
      crashes?: number;
      nanOrInf?: number;
      emptyOutputs?: number;
      consistency?: number;
      referenceMatch32?: number;
      tool?: Tool;
    };
    accuracy?: { benchmarks?: BenchmarkScore[]; outputLengthRatio?: number };
    performance?: {
      profile: PerformanceProfile;
      points?: OperatingPoint[];
      runs?: number;
      spreadPercent?: number;
      noCacheSpeedupPercent?: number;
    };
    reproduction?: { by: string; throughputDeltaPercent?: number; accuracyDeltaPoints?: number };
    soak?: { hours?: number; throughputFraction?: number; crashes?: number; errorRate?: number };
    artifacts?: Array<{ kind: ArtifactKind; uri: string; sha256?: string; tool?: Tool }>;
  };
}

/** The headline figures of a certification: the judged point, when it meets every point limit of the profile. */
export interface Headline {
  point: string | null;
  scenario: Scenario;
  concurrency: number | null;
  devices: number | null;
  outputTokensPerSecond: number | null;
  outputTokensPerSecondPerDevice: number | null;
  ttftP99Ms: number | null;
  tpotP99Ms: number | null;
}
