import type { Request, RequestHandler, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { HealthRepository } from '../db/health-repository.js';

/** When a response began, kept on the response itself (a WeakMap of every live response costs the GC). */
const STARTED = Symbol('metrics start');

/**
 * Prometheus metrics on registries of this app's own (no global state, so several apps in one
 * process, as in tests, do not collide): request counts and latency by route template and the
 * database size for anyone; submissions by status only for a reviewer or admin key, since how many
 * submissions wait or were rejected is not public.
 */
export function createMetrics(health: HealthRepository, mayReadPrivate: (req: Request) => boolean) {
  const registry = new Registry();
  const privateRegistry = new Registry();
  collectDefaultMetrics({ register: registry });
  const counter = new Counter({
    name: 'chipreg_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'chipreg_http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  });
  new Gauge({
    name: 'chipreg_submissions',
    help: 'Submissions by status (reviewer and admin keys only)',
    labelNames: ['status'],
    registers: [privateRegistry],
    collect() {
      this.reset();
      for (const row of health.submissionCounts()) this.set({ status: row.status }, row.n);
    },
  });
  new Gauge({
    name: 'chipreg_database_bytes',
    help: 'Size of the SQLite database (pages × page size)',
    registers: [registry],
    collect() {
      this.set(health.databaseBytes());
    },
  });

  // Label children are looked up once per method and route (prom-client hashes the label object on every
  // call otherwise), and one shared listener per response replaces a closure and a timer object.
  const children = new Map<
    string,
    { latency: ReturnType<typeof latency.labels>; requests: Map<number, ReturnType<typeof counter.labels>> }
  >();
  const childrenOf = (method: string, route: string) => {
    const key = `${method} ${route}`;
    let child = children.get(key);
    if (!child) {
      child = { latency: latency.labels({ method, route }), requests: new Map() };
      children.set(key, child);
    }
    return child;
  };
  function finished(this: Response & { [STARTED]?: number }) {
    const req = this.req;
    // The route template (`/v1/chips/:id`), never the raw path, keeps label cardinality bounded.
    const route = req.route?.path
      ? `${req.baseUrl}${String(req.route.path)}`
      : typeof this.locals.route === 'string'
        ? this.locals.route
        : 'unmatched';
    const child = childrenOf(req.method, route);
    child.latency.observe((performance.now() - (this[STARTED] ?? 0)) / 1000);
    let requests = child.requests.get(this.statusCode);
    if (!requests) {
      requests = counter.labels({ method: req.method, route, status: String(this.statusCode) });
      child.requests.set(this.statusCode, requests);
    }
    requests.inc();
  }
  const track: RequestHandler = (_req, res, next) => {
    (res as Response & { [STARTED]?: number })[STARTED] = performance.now();
    res.on('finish', finished);
    next();
  };
  const serve: RequestHandler = async (req, res) => {
    const text = mayReadPrivate(req)
      ? `${await registry.metrics()}\n${await privateRegistry.metrics()}`
      : await registry.metrics();
    res.type(registry.contentType).set('Cache-Control', 'private, no-store').send(text);
  };
  return { track, serve };
}
