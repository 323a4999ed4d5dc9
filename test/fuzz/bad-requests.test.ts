import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { routeSpecs } from '../../src/http/openapi/route-specs.js';
import { keysFor } from '../helpers/keys.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let app: TestApp;
let auth: Array<Record<string, string>>;
before(async () => {
  app = await startTestApp();
  const keys = keysFor(app.deps);
  auth = [
    {},
    keys.vendor('sophgo'),
    keys.reviewer(),
    keys.admin(),
    { authorization: 'Bearer crk_0_x' },
    { authorization: 'Basic Zm9vOmJhcg==' },
  ];
});
after(() => app.close());

/** What a write-free stretch of requests must leave exactly as it found it. */
const snapshot = () =>
  app.deps.db
    .prepare(
      `SELECT
  (SELECT count(*) FROM submissions), (SELECT count(*) FROM certifications), (SELECT count(*) FROM api_keys),
  (SELECT count(*) FROM audit_log), (SELECT value FROM meta WHERE key = 'revision')`,
    )
    .raw()
    .get();

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    "' OR 1=1 --",
    '"; DROP TABLE chips; --',
    '../../../etc/passwd',
    '%00',
    '\u0000',
    '${7*7}',
    '<script>alert(1)</script>',
    'L9',
    '-1',
    '1e309',
    '9'.repeat(400),
    '昇腾910B',
    'Ａｓｃｅｎｄ',
  ),
);
const deep = fc.integer({ min: 20, max: 200 }).map((n) => '['.repeat(n) + ']'.repeat(n));
const bodies = fc.oneof(
  fc.json().map((j) => ({ raw: j, type: 'application/json' })),
  fc.anything().map((v) => ({ raw: JSON.stringify(v) ?? 'null', type: 'application/json' })),
  fc.json().map((j) => ({ raw: j.slice(0, Math.max(1, Math.floor(j.length / 2))), type: 'application/json' })),
  deep.map((raw) => ({ raw, type: 'application/json' })),
  fc
    .record({ schema: nasty, deployment: fc.anything(), evidence: fc.anything(), extra: nasty })
    .map((v) => ({ raw: JSON.stringify(v), type: 'application/json' })),
  fc.string().map((raw) => ({ raw, type: 'text/plain' })),
  fc.string().map((raw) => ({ raw, type: 'application/x-www-form-urlencoded' })),
  fc.constant({
    raw: '{"devices": 1e999999, "n": -0, "big": 123456789012345678901234567890}',
    type: 'application/json',
  }),
);
const query = fc.dictionary(
  fc.oneof(
    fc.constantFrom(
      'limit',
      'cursor',
      'q',
      'model',
      'chip',
      'precision',
      'minLevel',
      'stack',
      'status',
      'format',
      'deviceClass',
    ),
    fc.string({ maxLength: 8 }),
  ),
  nasty,
  { maxKeys: 4 },
);

/** The server-rendered pages take the same abuse: a friendly 4xx page, never a 5xx. */
const webRoutes: Array<{ method: 'get' | 'post'; path: string }> = [
  { method: 'get', path: '/' },
  { method: 'get', path: '/chips/{id}' },
  { method: 'get', path: '/certifications' },
  { method: 'get', path: '/certifications/{id}' },
  { method: 'get', path: '/search' },
  { method: 'get', path: '/identify' },
  { method: 'post', path: '/identify' },
];

describe('thousands of generated bad requests', () => {
  for (const spec of [...routeSpecs, ...webRoutes]) {
    it(`${spec.method.toUpperCase()} ${spec.path} never answers 5xx and writes nothing`, async () => {
      const before = snapshot();
      await fc.assert(
        fc.asyncProperty(nasty, query, bodies, fc.nat(auth.length - 1), async (id, params, body, who) => {
          const path = spec.path.replace(/\{\w+\}/g, encodeURIComponent(id) || 'x');
          const search = new URLSearchParams(params as Record<string, string>).toString();
          const res = await fetch(`${app.url}${path}${search ? `?${search}` : ''}`, {
            method: spec.method.toUpperCase(),
            headers: { ...auth[who], ...(spec.method === 'get' ? {} : { 'content-type': body.type }) },
            body: spec.method === 'get' ? undefined : body.raw,
          });
          const text = await res.text();
          if (res.status >= 500) throw new Error(`${res.status} for ${path}?${search}: ${text.slice(0, 300)}`);
          if (res.status >= 400) assert.doesNotMatch(text, /SQLITE|SELECT |INSERT |\bat \S+\.(ts|js):\d+/);
        }),
        { numRuns: 100 },
      );
      assert.deepEqual(snapshot(), before);
      assert.equal((await fetch(`${app.url}/healthz`)).status, 200);
    });
  }
});
