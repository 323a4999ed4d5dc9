import type { Description } from './deployment-description.js';
import type { BenchmarkScore, ImportFragment, OperatingPoint, ToolInfo } from './fragment.js';

export const SUBMISSION_V2 = 'chipreg/submission/v2';
export const DEFAULT_REQUIREMENT_SET = '2026.2';

export interface Artifact {
  kind: string;
  uri: string;
  sha256: string;
  tool?: ToolInfo;
}

export interface Assembled {
  document: Record<string, unknown>;
  /** Things a reviewer would ask about, none of them an error. */
  warnings: string[];
}

/** The model name a tool printed, compared loosely: paths and case differ between tools and the catalog. */
const modelKey = (name: string) => name.replace(/\/+$/, '').split('/').at(-1)!.toLowerCase();

/**
 * A v2 submission: the description's fields, the operating points and scores of every fragment
 * (in the order given), and one artifact per raw file with its SHA-256. Nothing is invented: a
 * section without imported or described evidence is left out.
 */
export function assembleSubmission(
  description: Description,
  fragments: readonly ImportFragment[],
  artifacts: readonly Artifact[],
): Assembled {
  const described = description.evidence ?? {};
  const section = (key: string) => (described[key] ?? {}) as Record<string, unknown>;
  const points: OperatingPoint[] = [
    ...((section('performance').points as OperatingPoint[] | undefined) ?? []),
    ...fragments.flatMap((f) => f.performance?.points ?? []),
  ];
  const benchmarks: BenchmarkScore[] = [
    ...((section('accuracy').benchmarks as BenchmarkScore[] | undefined) ?? []),
    ...fragments.flatMap((f) => f.accuracy?.benchmarks ?? []),
  ];
  const evidence: Record<string, unknown> = { ...described };
  if (points.length) evidence.performance = { ...section('performance'), points };
  if (benchmarks.length) evidence.accuracy = { ...section('accuracy'), benchmarks };
  const allArtifacts = [...((described.artifacts as Artifact[] | undefined) ?? [])];
  for (const artifact of artifacts)
    if (!allArtifacts.some((a) => a.sha256 === artifact.sha256 && a.uri === artifact.uri)) allArtifacts.push(artifact);
  if (allArtifacts.length) evidence.artifacts = allArtifacts;

  const warnings = fragments.flatMap((f) => f.warnings.map((w) => `${f.file}: ${w}`));
  const deployed = (description.deployment as { model?: { id?: unknown } } | undefined)?.model?.id;
  for (const fragment of fragments)
    if (fragment.model && typeof deployed === 'string' && modelKey(fragment.model) !== modelKey(deployed))
      warnings.push(`${fragment.file} names model "${fragment.model}", the deployment "${deployed}"`);

  const { evidence: _described, schema: _schema, ...rest } = description;
  return {
    document: { schema: SUBMISSION_V2, requirementSet: DEFAULT_REQUIREMENT_SET, ...rest, evidence },
    warnings,
  };
}
