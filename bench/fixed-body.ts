/**
 * The fixed answer both baselines send (about 1 KiB of JSON, shaped like a small compatibility
 * answer), serialised once: the baselines measure the HTTP stack, not the work of building it.
 */
export const FIXED_BODY = JSON.stringify({
  verdict: 'certified',
  query: {
    model: 'chatglm3-6b',
    chip: 'huawei-ascend-910b',
    precision: 'bf16',
    deployment: 'local-private',
    minLevel: 'L1',
    stack: [],
  },
  best: {
    id: 'CERT-2026-000042',
    level: 'L3',
    verified: true,
    status: 'active',
    model: 'chatglm3-6b',
    chip: 'huawei-ascend-910b',
    vendor: 'huawei',
    precision: 'bf16',
    form: 'local-private',
    devices: 1,
    stack: [
      { kind: 'sdk', name: 'CANN', version: '8.0.0', channel: 'ga' },
      { kind: 'plugin', name: 'torch_npu', version: '2.1.0.post6', channel: 'ga' },
      { kind: 'engine', name: 'vllm-ascend', version: 'v0.7.3', channel: 'ga' },
    ],
    requirementSet: '2026.1',
    issuedAt: '2026-03-01T00:00:00.000Z',
    validUntil: '2027-03-01T00:00:00.000Z',
    deploymentKey: '5e5c9361e43754ff7f9f57f724e37c422ad0a1b526d9a9ab13a52c8aa08d9075',
  },
  matches: [],
  related: [],
  declarations: [],
});

/** The port and interface a baseline listens on: loopback only. */
export function listenAddress(env: NodeJS.ProcessEnv): { port: number; host: string } {
  const port = Number(env.PORT);
  if (!Number.isInteger(port) || port <= 0) throw new Error('baseline: set PORT');
  return { port, host: '127.0.0.1' };
}

/**
 * A fixed JSON body of exactly `bytes` bytes shaped like a page of the certification list
 * (`items` of certification objects like baseline A's, then padding), for the baseline that sends an
 * answer as large as chipreg's list answers: the framework's ceiling for a body of that size.
 */
export function fixedBodyOfSize(bytes: number): string {
  const item = (JSON.parse(FIXED_BODY) as { best: object }).best;
  const page = (items: object[], pad: string) => JSON.stringify({ items, nextCursor: null, pad });
  const items: object[] = [];
  while (page([...items, item], '').length <= bytes) items.push(item);
  const body = page(items, 'x'.repeat(Math.max(0, bytes - page(items, '').length)));
  if (Buffer.byteLength(body) !== bytes) throw new Error(`bench: cannot make a ${bytes}-byte body`);
  return body;
}
