import { basename } from 'node:path';

/**
 * The one form of an artifact's URI, whoever writes it (`kit env|functional|single-stream`,
 * `evidence assemble`): the file's name under the URL the files are published at, or, before
 * that is known, `file:<name>`, a name relative to the submission. Never the absolute local path:
 * it means nothing on the registry and would publish the measuring machine's directory layout;
 * the SHA-256 beside it identifies the bytes.
 */
export function artifactUri(path: string, base?: string): string {
  const name = encodeURIComponent(basename(path));
  return base ? `${base.replace(/\/+$/, '')}/${name}` : `file:${name}`;
}
