import type { Command } from 'commander';
import { completionUrl } from '../../kit/endpoint-url.js';
import type { PromptSet } from '../../kit/prompt-set.js';
import { CliExit } from '../cli-io.js';
import { promptSetOption } from './kit-input-files.js';
import { apiOption, endpointApiKey, intOption, kitVersion, secondsOption } from './kit-options.js';

/** The options of every kit command that sends prompts to a serving endpoint, as commander parses them. */
export interface EndpointCliOptions {
  endpoint: string;
  model: string;
  api: 'chat' | 'completions';
  maxTokens: number;
  seed: number;
  timeout?: number;
  retries: number;
  prompts?: string;
}

/** What differs between the commands: their defaults. */
export interface EndpointDefaults {
  maxTokens: number;
  timeoutSeconds: number;
  retries: number;
}

/** Declares the shared endpoint options on a kit command, with that command's defaults. */
export function endpointOptions(command: Command, defaults: EndpointDefaults): Command {
  return command
    .requiredOption('--endpoint <url>', 'server root, its /v1 base or the full route (http://127.0.0.1:8000/v1)')
    .requiredOption('--model <name>', 'model name as the server knows it')
    .option('--api <chat|completions>', 'POST /v1/chat/completions or /v1/completions', apiOption, 'chat')
    .option('--prompts <file>', 'another prompt set (JSONL of {id, lang, prompt}); default: the shipped 2026.1 set')
    .option('--max-tokens <n>', 'max_tokens of every request', intOption(1, 32768), defaults.maxTokens)
    .option('--seed <n>', 'seed sent with every request (servers that support it)', intOption(0, 2 ** 31 - 1), 0)
    .option(
      '--timeout <seconds>',
      `limit for one request, body included (default: ${defaults.timeoutSeconds})`,
      secondsOption,
    )
    .option(
      '--retries <n>',
      'further attempts after a timeout, 429, 5xx or dropped connection',
      intOption(0, 10),
      defaults.retries,
    );
}

/** The request settings both runners take, read once from the parsed options. */
export interface EndpointSettings {
  endpoint: string;
  model: string;
  api: 'chat' | 'completions';
  maxTokens: number;
  seed: number;
  apiKey: string | undefined;
  timeoutMs: number;
  retries: number;
  promptSet: PromptSet;
  kitVersion: string;
}

/**
 * The parsed endpoint options as runner settings: an endpoint that is no URL and an unreadable
 * prompt set are usage errors (exit 2); the key comes from the environment only.
 */
export function endpointSettings(
  o: EndpointCliOptions,
  env: NodeJS.ProcessEnv,
  defaults: EndpointDefaults,
): EndpointSettings {
  try {
    completionUrl(o.endpoint, o.api);
  } catch (error) {
    throw new CliExit(2, (error as Error).message);
  }
  return {
    endpoint: o.endpoint,
    model: o.model,
    api: o.api,
    maxTokens: o.maxTokens,
    seed: o.seed,
    apiKey: endpointApiKey(env),
    timeoutMs: o.timeout ?? defaults.timeoutSeconds * 1000,
    retries: o.retries,
    promptSet: promptSetOption(o.prompts),
    kitVersion: kitVersion(),
  };
}
