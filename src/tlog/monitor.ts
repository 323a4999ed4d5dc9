import canonicalize from 'canonicalize';
import { advance, LogMisbehaviourError, type FollowerState } from './checkpoint-follower.js';
import { createCompactRange } from './compact-range.js';
import type { LogClient } from './log-client.js';
import { leafHash } from './merkle.js';

export interface MonitorState extends FollowerState {
  /** base64 compact range (right-edge subtree roots) of the tree of `size` leaves. */
  edge: string[];
}

export interface MonitorRound {
  state: MonitorState;
  from: number;
  to: number;
}

/**
 * One monitoring round: the new checkpoint must extend the last one seen (consistency proof), and
 * every entry since must be a canonical audit event at its place and hash, with the entries before
 * it, to the new signed root.
 */
export async function monitorOnce(
  client: LogClient,
  state: MonitorState | null,
  logKeys: string[],
): Promise<MonitorRound> {
  const { checkpoint } = await advance(client, state, logKeys);
  const from = state?.size ?? 0;
  const to = checkpoint.size;
  const range = createCompactRange(
    from,
    (state?.edge ?? []).map((h) => Buffer.from(h, 'base64')),
  );
  const entries = await client.entries(from, to, to);
  entries.forEach((entry, i) => {
    const index = from + i;
    const text = entry.toString('utf8');
    let event: { seq?: unknown } | null = null;
    try {
      event = JSON.parse(text) as { seq?: unknown };
    } catch {
      event = null;
    }
    if (!event || canonicalize(event) !== text || event.seq !== index + 1)
      throw new LogMisbehaviourError(`entry ${index} is not the canonical audit event ${index + 1}`);
    range.append(leafHash(entry));
  });
  if (!range.root().equals(checkpoint.root))
    throw new LogMisbehaviourError(
      `the entries ${from}–${to - 1} do not hash to the signed root of size ${to} (the log serves other entries than it signed)`,
    );
  return {
    from,
    to,
    state: {
      origin: checkpoint.origin,
      size: to,
      root: checkpoint.root.toString('base64'),
      logKeys,
      edge: range.hashes().map((h) => h.toString('base64')),
    },
  };
}
