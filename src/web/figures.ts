import type { Certification } from '../domain/certification-view.js';

/**
 * The headline performance figures a page shows for one certification, every one optional
 * ("unmeasured means absent"). Submission v2 certifications carry them as `headline` (see
 * coord/v2-contract.md: one operating point's throughput and latency); for v1 certifications the
 * level engine's recorded check results hold the p99 latencies and decode rate that L3 judged.
 */
export interface Figures {
  scenario?: string;
  concurrency?: number;
  devices?: number;
  outputTokensPerSecond?: number;
  outputTokensPerSecondPerDevice?: number;
  ttftP99Ms?: number;
  tpotP99Ms?: number;
  decodeTokensPerSecond?: number;
}

const FIGURE_KEYS = [
  'concurrency',
  'devices',
  'outputTokensPerSecond',
  'outputTokensPerSecondPerDevice',
  'ttftP99Ms',
  'tpotP99Ms',
  'decodeTokensPerSecond',
] as const;

const finite = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** Figures of a certification, or null when it records none. */
export function figuresOf(c: Certification): Figures | null {
  const out: Figures = {};
  const headline = (c as Certification & { headline?: Record<string, unknown> | null }).headline;
  if (headline && typeof headline === 'object') {
    for (const key of FIGURE_KEYS) {
      const value = finite(headline[key]);
      if (value !== undefined) out[key] = value;
    }
    if (typeof headline.scenario === 'string') out.scenario = headline.scenario;
  }
  for (const check of c.evidence?.checks ?? []) {
    if (check.status === 'not-applicable') continue;
    const actual = finite(check.actual);
    if (actual === undefined) continue;
    if (check.id === 'l3.performance.ttft') out.ttftP99Ms ??= actual;
    else if (check.id === 'l3.performance.tpot') out.tpotP99Ms ??= actual;
    else if (check.id === 'l3.performance.decodeRate') out.decodeTokensPerSecond ??= actual;
  }
  if (out.scenario === undefined) {
    const profile = c.evidence?.checks.find((k) => k.id === 'l3.performance.profile' && k.status !== 'not-applicable');
    if (profile && typeof profile.actual === 'string') out.scenario = profile.actual;
  }
  if (out.devices === undefined && c.devices !== null) out.devices = c.devices;
  if (
    out.outputTokensPerSecondPerDevice === undefined &&
    out.outputTokensPerSecond !== undefined &&
    out.devices !== undefined &&
    out.devices > 0
  )
    out.outputTokensPerSecondPerDevice = out.outputTokensPerSecond / out.devices;
  const measured = FIGURE_KEYS.some((k) => k !== 'devices' && out[k] !== undefined);
  return measured ? out : null;
}

/** A figure as a page shows it: integers above 100, one decimal below; absent is a dash. */
export const figure = (value: number | undefined): string =>
  value === undefined ? '—' : value >= 100 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);

/** The container image a certification names (submission v2 `deployment.container`), if any. */
export function containerOf(c: Certification): string | null {
  const container = (c as Certification & { container?: unknown }).container;
  if (typeof container === 'string') return container;
  if (container && typeof container === 'object') {
    const image = (container as Record<string, unknown>).image;
    if (typeof image === 'string') return image;
  }
  return null;
}
