/**
 * The release channel of a stack component, derived from its version by the vendor grammar
 * (vendor-version.ts): a `dev` tag is a nightly build; `alpha`, `beta` (`B080`) and `rc` tags are
 * pre-releases (`rc`). A declared channel can only make the result stricter, never looser, so a
 * document cannot declare `8.0.RC2` generally available.
 */
import { parseVersion } from './vendor-version.js';
import { CHANNELS, type Channel } from './vocabulary.js';

const STRICTNESS: Record<Channel, number> = { ga: 0, rc: 1, nightly: 2 };

/** The channel the version string itself says, or null when it says nothing (a plain release, or not a version). */
export function channelOfVersion(version: string | undefined): Channel | null {
  const parsed = version ? parseVersion(version) : null;
  if (!parsed) return null;
  if (parsed.tags.some((t) => t.kind === 'dev')) return 'nightly';
  if (parsed.tags.some((t) => t.kind === 'alpha' || t.kind === 'beta' || t.kind === 'rc')) return 'rc';
  return null;
}

/** The stricter of the declared channel (absent = `ga`) and the channel the version says. */
export function effectiveChannel(component: { version?: string; channel?: Channel }): Channel {
  const declared = component.channel ?? 'ga';
  const derived = channelOfVersion(component.version) ?? 'ga';
  return STRICTNESS[derived] > STRICTNESS[declared] ? derived : declared;
}

export { CHANNELS };
