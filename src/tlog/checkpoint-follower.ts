import { parseCheckpoint, type Checkpoint } from './checkpoint.js';
import type { LogClient } from './log-client.js';
import { consistencyProof, verifyConsistency } from './proofs.js';
import { noteSignedBy, parseNote, parseVerifierKey, type NoteVerifier } from './signed-note.js';

/** What a monitor or witness remembers of a log between runs. */
export interface FollowerState {
  origin: string;
  size: number;
  /** base64 root hash. */
  root: string;
  /** The log's note verifier keys this follower trusts. */
  logKeys: string[];
}

/** The log showed two incompatible histories, went backwards, or signed something it should not have. */
export class LogMisbehaviourError extends Error {}

export interface Advance {
  note: string;
  checkpoint: Checkpoint;
  /** The previous state (null on first contact). */
  previous: FollowerState | null;
}

/**
 * Fetches the log's checkpoint, checks its signature against the trusted keys, and proves it
 * extends the last checkpoint this follower accepted (c2sp.org/tlog-tiles consistency, computed
 * from tiles). Throws LogMisbehaviourError on a fork, a rollback or a bad signature.
 */
export async function advance(client: LogClient, state: FollowerState | null, logKeys: string[]): Promise<Advance> {
  const verifiers = logKeys.map((k) => {
    const v = parseVerifierKey(k);
    if (!v) throw new Error(`not a note verifier key: ${k}`);
    return v;
  });
  const note = await client.checkpoint();
  const parsed = parseNote(note);
  const checkpoint = parsed && parseCheckpoint(parsed.text);
  if (!parsed || !checkpoint) throw new LogMisbehaviourError('the log served a checkpoint that does not parse');
  if (!verifiers.some((v: NoteVerifier) => v.name === checkpoint.origin && noteSignedBy(parsed, v)))
    throw new LogMisbehaviourError(`the checkpoint is not signed by a trusted key of "${checkpoint.origin}"`);
  if (state) {
    if (state.origin !== checkpoint.origin)
      throw new LogMisbehaviourError(`the log is now "${checkpoint.origin}", it was "${state.origin}"`);
    const oldRoot = Buffer.from(state.root, 'base64');
    if (checkpoint.size < state.size)
      throw new LogMisbehaviourError(
        `ROLLBACK: the log shrank from ${state.size} to ${checkpoint.size} entries (history was rewritten)`,
      );
    if (checkpoint.size === state.size) {
      if (!checkpoint.root.equals(oldRoot))
        throw new LogMisbehaviourError(
          `FORK: the tree of size ${state.size} has root ${checkpoint.root.toString('base64')}, it had ${state.root} (history was rewritten)`,
        );
    } else {
      const proof = await client.withHashes(checkpoint.size, (read) =>
        consistencyProof(state.size, checkpoint.size, read),
      );
      if (!verifyConsistency(state.size, checkpoint.size, oldRoot, checkpoint.root, proof))
        throw new LogMisbehaviourError(
          `FORK: the tree of size ${checkpoint.size} does not extend the tree of size ${state.size} seen before (history was rewritten)`,
        );
    }
  }
  return { note, checkpoint, previous: state };
}
