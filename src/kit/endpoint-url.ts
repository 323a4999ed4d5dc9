import { InvalidInputError } from '../errors.js';

export type CompletionApi = 'chat' | 'completions';

/**
 * The request URL for an endpoint as users write it: a server root (`http://host:8000`), its `/v1`
 * base (what OpenAI clients call `base_url`), or the full route.
 */
export function completionUrl(endpoint: string, api: CompletionApi): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new InvalidInputError(`--endpoint ${JSON.stringify(endpoint)} is not a URL (e.g. http://127.0.0.1:8000/v1)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidInputError(`--endpoint must be http(s): ${endpoint}`);
  const path = url.pathname.replace(/\/+$/, '');
  if (/\/(chat\/)?completions$/.test(path)) return url.toString();
  const route = api === 'chat' ? 'chat/completions' : 'completions';
  url.pathname = /\/v1$/.test(path) ? `${path}/${route}` : `${path}/v1/${route}`;
  return url.toString();
}
