import { requestHash } from '../domain/request-hash.js';

export interface SubmitResult {
  status: number;
  body: unknown;
  idempotencyKey: string;
}

/** The submissions endpoint of a registry given by its base URL (or by the endpoint itself). */
export const submissionsUrl = (registry: string): string =>
  /\/v1\/submissions\/?$/.test(registry) ? registry : `${registry.replace(/\/+$/, '')}/v1/submissions`;

/**
 * POSTs a submission with the vendor's key. The Idempotency-Key is the hash of the document's
 * canonical JSON, so sending the same document twice (a retry after a timeout) files it once.
 */
export async function submitDocument(
  registry: string,
  key: string,
  document: unknown,
  fetchImpl: typeof fetch = fetch,
): Promise<SubmitResult> {
  const idempotencyKey = requestHash(document);
  const response = await fetchImpl(submissionsUrl(registry), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      accept: 'application/json, application/problem+json',
      'idempotency-key': idempotencyKey,
    },
    body: JSON.stringify(document),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // A proxy's HTML error page: shown as text.
  }
  return { status: response.status, body, idempotencyKey };
}
