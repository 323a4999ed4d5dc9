import type { Deps } from '../../src/deps.js';

/** Bearer headers for a fresh key of each role. */
export function keysFor(deps: Deps) {
  const make = (role: 'vendor' | 'reviewer' | 'admin', vendor?: string) => ({
    authorization: `Bearer ${deps.keys.create({ role, vendor }, 'test').key}`,
  });
  return {
    vendor: (vendor: string) => make('vendor', vendor),
    reviewer: () => make('reviewer'),
    admin: () => make('admin'),
  };
}
