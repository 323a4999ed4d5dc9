/** c2sp.org/tlog-checkpoint: the note body `<origin>\n<size>\n<base64 root hash>\n`, extension lines allowed after. */
export interface Checkpoint {
  origin: string;
  size: number;
  root: Buffer;
}

export const formatCheckpoint = (c: Checkpoint): string => `${c.origin}\n${c.size}\n${c.root.toString('base64')}\n`;

/** Parses a checkpoint body (the note text); null unless the three mandatory lines are well formed. */
export function parseCheckpoint(text: string): Checkpoint | null {
  const lines = text.split('\n');
  if (lines.length < 4 || lines[lines.length - 1] !== '') return null;
  const [origin, size, root] = lines as [string, string, string];
  if (!origin || !/^(0|[1-9]\d{0,15})$/.test(size) || !Number.isSafeInteger(Number(size))) return null;
  const hash = Buffer.from(root, 'base64');
  if (hash.length !== 32 || hash.toString('base64') !== root) return null;
  // Extension lines must be non-empty.
  if (lines.slice(3, -1).some((l) => l === '')) return null;
  return { origin, size: Number(size), root: hash };
}
