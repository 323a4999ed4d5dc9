import type { Command } from 'commander';
import { loadOrCreateSigningKey } from '../../signing/signing-key-file.js';
import { advance, LogMisbehaviourError, type FollowerState } from '../../tlog/checkpoint-follower.js';
import { cosign } from '../../tlog/cosignature.js';
import { createLogClient, LogUnreachableError } from '../../tlog/log-client.js';
import {
  formatVerifierKey,
  isValidKeyName,
  parseNote,
  rawEd25519PublicKey,
  SIG_COSIGNATURE_V1,
} from '../../tlog/signed-note.js';
import { CliExit, type CliIO } from '../cli-io.js';
import { trustedLogKeys } from '../log-keys.js';
import { readStateFile, writeStateFile } from '../state-file.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

interface WitnessOptions {
  key: string;
  name: string;
  state: string;
  logKey?: string[];
  interval?: string;
  printKey?: boolean;
}

/**
 * `chipreg witness <url>`: a c2sp.org/tlog-cosignature witness. It cosigns the log's checkpoint only
 * after proving it extends the last checkpoint it cosigned, and hands the cosignature to the log.
 * A fork or rollback is refused with exit 1 and the state is kept, so it keeps refusing.
 */
export function registerWitness(program: Command, io: CliIO): void {
  program
    .command('witness')
    .description('run a witness that cosigns the checkpoints of a registry log after checking consistency')
    .argument('[url]', 'the registry, e.g. https://chipreg.example.org (the log is at <url>/tlog)')
    .requiredOption('--key <file>', 'Ed25519 private key of the witness (created, mode 0600, if missing)')
    .requiredOption('--name <name>', 'the witness key name, e.g. witness.example.org/w1')
    .option('--state <file>', 'where the last cosigned checkpoint is kept', './chipreg-witness.json')
    .option(
      '--log-key <vkey>',
      'a note verifier key of the log (repeatable; default: pinned in the state file)',
      collect,
    )
    .option('--interval <seconds>', 'keep running, checking every so many seconds (default: once)')
    .option('--print-key', 'print the witness verifier key (for CHIPREG_WITNESS_KEYS) and exit')
    .action(async (url: string | undefined, options: WitnessOptions) => {
      if (!isValidKeyName(options.name))
        throw new CliExit(2, `--name "${options.name}" must have no spaces and no "+"`);
      const key = loadOrCreateSigningKey(options.key);
      const vkey = formatVerifierKey(options.name, SIG_COSIGNATURE_V1, rawEd25519PublicKey(key.privateKey));
      if (options.printKey) {
        io.stdout.write(`${vkey}\n`);
        return;
      }
      if (!url) throw new CliExit(2, 'give the registry URL (or --print-key)');
      const interval = options.interval === undefined ? null : Number(options.interval);
      if (interval !== null && !(Number.isFinite(interval) && interval >= 1))
        throw new CliExit(2, '--interval must be a number of seconds, at least 1');
      const base = url.replace(/\/+$/, '');
      const client = createLogClient(`${base}/tlog`);
      for (;;) {
        const state = readStateFile<FollowerState>(options.state);
        try {
          const logKeys = await trustedLogKeys(options.logKey, state?.logKeys, client, base, (t) => io.stderr.write(t));
          const { note, checkpoint } = await advance(client, state, logKeys);
          const text = parseNote(note)!.text;
          const line = cosign(text, options.name, key.privateKey, Math.floor(Date.now() / 1000));
          const res = await fetch(`${base}/tlog/cosignature`, {
            method: 'POST',
            headers: { 'content-type': 'text/plain; charset=utf-8' },
            body: `${text}\n${line}`,
          }).catch((error: Error) => {
            throw new LogUnreachableError(`cannot reach ${base}/tlog/cosignature: ${error.message}`);
          });
          // The log may not list this witness; the cosignature is still the witness's statement.
          const accepted = res.ok ? 'the log accepted it' : `the log did not take it (${res.status})`;
          writeStateFile(options.state, {
            origin: checkpoint.origin,
            size: checkpoint.size,
            root: checkpoint.root.toString('base64'),
            logKeys,
          } satisfies FollowerState);
          io.stdout.write(`cosigned ${checkpoint.origin} at size ${checkpoint.size}; ${accepted}\n`);
        } catch (error) {
          if (error instanceof LogMisbehaviourError) {
            io.stdout.write(`REFUSED to cosign: ${error.message}\n`);
            throw new CliExit(1);
          }
          if (!(error instanceof LogUnreachableError)) throw error;
          if (interval === null) throw new CliExit(3, error.message);
          io.stderr.write(`chipreg witness: ${error.message}; retrying\n`);
        }
        if (interval === null) return;
        await new Promise((resolve) => setTimeout(resolve, interval * 1000));
      }
    });
}
