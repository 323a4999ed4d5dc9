import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding package.json, schemas/ and data/. Found by walking up because
 * the same module runs from src/ (tsx, tests) and from dist/src/ (compiled).
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('chipreg: package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

export const schemasDir = (): string => join(packageRoot(), 'schemas');
export const dataDir = (): string => join(packageRoot(), 'data');
