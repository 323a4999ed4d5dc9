/**
 * The shapes an import produces, named as the submission v2 contract names them: operating points
 * and benchmark scores of submission v2, wrapped in an import fragment. Every measured number is
 * optional: a number the tool's output does not state is absent, never 0.
 */

import type { Scenario, ScoreScale } from '../domain/vocabulary.js';

export type { Scenario, ScoreScale };

export interface ToolInfo {
  name: string;
  version?: string;
  command?: string;
}

/** Latency statistics, always in milliseconds. */
export interface LatencyStats {
  mean?: number;
  p50?: number;
  p90?: number;
  p99?: number;
}

export const LATENCY_KINDS = ['ttft', 'tpot', 'itl', 'e2e'] as const;
export type LatencyKind = (typeof LATENCY_KINDS)[number];

export interface OperatingPoint {
  tool: ToolInfo;
  scenario: Scenario;
  concurrency?: number;
  requestRate?: number;
  streaming?: boolean;
  input?: { dataset?: string; meanTokens?: number };
  output?: { meanTokens?: number };
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
  latencyMs?: Partial<Record<LatencyKind, LatencyStats>>;
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
  tool?: ToolInfo;
}

/** What `chipreg evidence import --json` prints and `chipreg evidence assemble` merges. */
export interface ImportFragment {
  format: string;
  file: string;
  sha256: string;
  performance?: { points: OperatingPoint[] };
  accuracy?: { benchmarks: BenchmarkScore[] };
  model?: string;
  warnings: string[];
}

/** What one format's parser returns; the importer adds format, file and hash. */
export interface ParsedOutput {
  points?: OperatingPoint[];
  benchmarks?: BenchmarkScore[];
  model?: string;
  warnings?: string[];
}
