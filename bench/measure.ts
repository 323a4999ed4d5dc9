import autocannon from 'autocannon';

/** What a load sends: rotating paths (not one cached URL), a method, an optional body and headers. */
export interface Workload {
  name: string;
  method?: 'GET' | 'POST';
  paths: string[];
  body?: string;
  headers?: Record<string, string>;
  /**
   * Conditional GETs: each path is sent with If-None-Match of its ETag here, and a 200 answer
   * replaces it, as an HTTP cache does (so a data change costs one full answer per path, not all).
   */
  validators?: Map<string, string>;
  /** The status every answer must have (200 unless said). */
  expect?: number;
  /** Headers of the n-th request of the load (added to `headers`), e.g. one that keeps every request apart in a cache. */
  headersOf?: (n: number) => Record<string, string>;
  /** A response header whose values are counted (e.g. nginx's `x-cache-status`), in `Sample.tally`. */
  tally?: string;
}

export interface LoadOptions {
  seconds: number;
  connections: number;
  /** Hard cap on requests in one load, whatever the duration. */
  maxRequests: number;
}

export interface Sample {
  rps: number;
  p50: number;
  p99: number;
  bytesPerAnswer: number;
  answers: number;
  /** Answers with another status than expected, plus connection errors and timeouts. */
  unexpected: number;
  /** Peak resident memory of the server during the load (MB), when sampled. */
  rssMB: number | null;
  /** Answers by value of the workload's `tally` header ('-' when absent). */
  tally?: Record<string, number>;
}

export interface Summary {
  rps: number;
  p50: number;
  p99: number;
  bytesPerAnswer: number;
  unexpected: number;
  rssMB: number | null;
  rounds: Sample[];
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const round = (ms: number) => Math.round(ms * 100) / 100;
function percentile(values: Float64Array, q: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** One autocannon load against 127.0.0.1, bounded in time and count, with the server's RSS sampled every 100 ms. */
export async function runLoad(
  origin: string,
  workload: Workload,
  options: LoadOptions,
  rss?: () => number,
): Promise<Sample> {
  if (!origin.startsWith('http://127.0.0.1:')) throw new Error(`bench: loads go to 127.0.0.1 only, not ${origin}`);
  let next = 0;
  let peak = 0;
  const sampler = rss ? setInterval(() => void (peak = Math.max(peak, rss())), 100) : null;
  // autocannon's own histogram keeps whole milliseconds; the response times it reports are exact, so keep those.
  const latencies = new Float64Array(options.maxRequests + options.connections);
  let recorded = 0;
  const expect = workload.expect ?? 200;
  const tally = new Map<string, number>();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: origin,
        connections: options.connections,
        duration: options.seconds,
        maxOverallRequests: options.maxRequests,
        headers: workload.headers,
        requests: [
          {
            method: workload.method ?? 'GET',
            ...(workload.body ? { body: workload.body } : {}),
            // Every request takes the next path of the pool, across all connections.
            setupRequest: (request, context) => {
              const n = next++;
              const path = workload.paths[n % workload.paths.length]!;
              const tag = workload.validators?.get(path);
              (context as { path?: string }).path = path;
              const extra = workload.headersOf?.(n);
              return {
                ...request,
                path,
                ...(tag || extra
                  ? { headers: { ...workload.headers, ...extra, ...(tag ? { 'if-none-match': tag } : {}) } }
                  : {}),
              };
            },
            ...(workload.validators || workload.tally
              ? {
                  onResponse: (
                    status: number,
                    _body: string,
                    context: object,
                    headers: Record<string, string | string[] | undefined> | undefined,
                  ) => {
                    const tag = headers?.['ETag'] ?? headers?.etag;
                    if (workload.validators && status === 200 && typeof tag === 'string')
                      workload.validators.set((context as { path: string }).path, tag);
                    if (workload.tally) {
                      const wanted = workload.tally.toLowerCase();
                      const key = Object.keys(headers ?? {}).find((h) => h.toLowerCase() === wanted);
                      const value = String((key && headers?.[key]) ?? '-');
                      tally.set(value, (tally.get(value) ?? 0) + 1);
                    }
                  },
                }
              : {}),
          },
        ],
      },
      (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status === expect && recorded < latencies.length) latencies[recorded++] = ms;
    });
  });
  if (sampler) clearInterval(sampler);
  const expected = result.statusCodeStats?.[String(expect) as `${number}`]?.count ?? 0;
  const answers = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  return {
    rps: answers / result.duration,
    p50: round(percentile(latencies.subarray(0, recorded), 0.5)),
    p99: round(percentile(latencies.subarray(0, recorded), 0.99)),
    bytesPerAnswer: answers ? Math.round((result.throughput.average * result.duration) / answers) : 0,
    answers,
    unexpected: answers - expected + result.errors + result.timeouts,
    rssMB: rss ? Math.round(Math.max(peak, rss())) : null,
    ...(workload.tally ? { tally: Object.fromEntries(tally) } : {}),
  };
}

/** Medians over the interleaved rounds of one segment. */
export function summarise(samples: Sample[]): Summary {
  const rss = samples.map((s) => s.rssMB).filter((r): r is number => r !== null);
  return {
    rps: Math.round(median(samples.map((s) => s.rps))),
    p50: median(samples.map((s) => s.p50)),
    p99: median(samples.map((s) => s.p99)),
    bytesPerAnswer: Math.round(median(samples.map((s) => s.bytesPerAnswer))),
    unexpected: samples.reduce((n, s) => n + s.unexpected, 0),
    rssMB: rss.length ? Math.max(...rss) : null,
    rounds: samples,
  };
}

/**
 * Runs `rounds` rounds; in each, every segment in order (baselines and targets alternate), so
 * drift of the machine (thermal, other load) hits all of them alike. Returns samples by segment name.
 */
export async function interleave(
  rounds: number,
  segments: Array<(round: number) => Promise<Record<string, Sample>>>,
): Promise<Map<string, Sample[]>> {
  const out = new Map<string, Sample[]>();
  for (let round = 0; round < rounds; round++) {
    for (const segment of segments) {
      for (const [name, sample] of Object.entries(await segment(round)))
        out.set(name, [...(out.get(name) ?? []), sample]);
    }
  }
  return out;
}
