import type { LogClient } from '../tlog/log-client.js';
import { CliExit } from './cli-io.js';

/**
 * The log keys to trust: given on the command line, remembered in the state file, or, on first
 * contact only, taken from the registry's GET /v1/keys (trust on first use, said so on stderr).
 */
export async function trustedLogKeys(
  given: string[] | undefined,
  remembered: string[] | undefined,
  client: LogClient,
  registryUrl: string,
  warn: (text: string) => void,
): Promise<string[]> {
  if (given?.length) return given;
  if (remembered?.length) return remembered;
  const keys = (await client.json(`${registryUrl.replace(/\/+$/, '')}/v1/keys`)) as {
    items?: Array<{ noteVerifierKey?: unknown }>;
  };
  const found = (keys.items ?? []).map((k) => k.noteVerifierKey).filter((k): k is string => typeof k === 'string');
  if (!found.length) throw new CliExit(2, `${registryUrl}/v1/keys lists no note verifier key; pass --log-key`);
  warn(
    `trusting the log keys published now at ${registryUrl}/v1/keys (pass --log-key to pin them): ${found.join(', ')}\n`,
  );
  return found;
}
