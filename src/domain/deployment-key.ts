import { createHash } from 'node:crypto';
import type { DeploymentForm, Precision, StackComponent } from './catalog-types.js';
import { nameKey } from './name-key.js';
import { majorMinor } from './vendor-version.js';

export interface DeploymentAxes {
  model: string;
  chip: string;
  system: string | null;
  devices: number | null;
  precision: Precision | null;
  form: DeploymentForm | null;
  stack: StackComponent[];
}

/**
 * What makes two certifications "the same deployment" (DESIGN §3): every axis, with stack
 * components compared by kind, name and major.minor only, so a patch-level upgrade lands on
 * the same key (and supersedes) while a minor upgrade is a new deployment.
 */
export function deploymentKey(axes: DeploymentAxes): string {
  const stack = axes.stack.map((c) => `${c.kind}:${nameKey(c.name)}@${majorMinor(c.version)}`).sort();
  const canonical = JSON.stringify([
    axes.model,
    axes.chip,
    axes.system,
    axes.devices,
    axes.precision,
    axes.form,
    stack,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
