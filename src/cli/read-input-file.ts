import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { MAX_DOCUMENT_BYTES } from '../domain/limits.js';

/** Why a file given on the command line cannot be read, in words for the person who named it. */
export class InputFileError extends Error {}

/**
 * Reads a document named on the command line. Only regular files up to the document limit are read:
 * `/dev/zero`, a FIFO or a directory would hang or exhaust memory, and a larger file is no document.
 * The size is checked on the opened descriptor, so a file swapped after the check is still bounded.
 */
export function readInputFile(path: string, maxBytes = MAX_DOCUMENT_BYTES): string {
  return readInputBytes(path, maxBytes).toString('utf8');
}

/** `readInputFile` as bytes, for files whose exact content matters (hashed evidence). */
export function readInputBytes(path: string, maxBytes = MAX_DOCUMENT_BYTES): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputFileError(
      code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied' : `cannot be opened (${code})`,
    );
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new InputFileError('is not a regular file');
    if (stat.size > maxBytes) throw new InputFileError(`is ${stat.size} bytes, over the ${maxBytes}-byte limit`);
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (let n; length < buffer.length && (n = readSync(fd, buffer, length, buffer.length - length, null)) > 0;)
      length += n;
    if (length > maxBytes) throw new InputFileError(`grew past the ${maxBytes}-byte limit while it was read`);
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}
