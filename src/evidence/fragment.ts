/**
 * The shapes an import produces, named as the submission v2 contract names them: operating points
 * and benchmark scores of submission v2, wrapped in an import fragment. Every measured number is
 * optional: a number the tool's output does not state is absent, never 0.
 */

import type { Scenario, ScoreScale } from '../domain/vocabulary.js';

export type { Scenario, ScoreScale };

/** The one definition of these shapes is submission v2's; an import produces exactly them. */
export type {
  BenchmarkScore,
  LatencyDistribution as LatencyStats,
  OperatingPoint,
  Tool as ToolInfo,
} from '../domain/submission-v2.js';
import type { BenchmarkScore, OperatingPoint } from '../domain/submission-v2.js';

export const LATENCY_KINDS = ['ttft', 'tpot', 'itl', 'e2e'] as const;
export type LatencyKind = (typeof LATENCY_KINDS)[number];

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
