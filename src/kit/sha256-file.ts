import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { artifactUri } from '../evidence/artifact-uri.js';

export const sha256File = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The v2 artifact entry for a file the kit wrote: its `file:<name>` URI (artifact-uri.ts) and content hash. */
export const fileArtifact = (path: string, kind: 'environment' | 'results' | 'log') => ({
  kind,
  uri: artifactUri(path),
  sha256: sha256File(path),
});
