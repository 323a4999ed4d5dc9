import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const sha256File = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The v2 artifact entry for a file the kit wrote: its `file:` URL and content hash. */
export const fileArtifact = (path: string, kind: 'environment' | 'results' | 'log') => ({
  kind,
  uri: pathToFileURL(resolve(path)).href,
  sha256: sha256File(path),
});
