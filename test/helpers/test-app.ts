import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp, type AppOptions } from '../../src/app.js';
import type { ReplicaStatus } from '../../src/replica/replica-status.js';
import { createDeps, type Deps } from '../../src/deps.js';
import { answerClientErrors } from '../../src/http/client-error.js';
import { openDatabase } from '../../src/db/open-database.js';
import { importCatalog } from '../../src/catalog/import-catalog.js';
import { dataDir } from '../../src/package-root.js';
import { createSchemaRegistry } from '../../src/schemas/schema-registry.js';
import { generateSigningKey, type SigningKey } from '../../src/signing/signing-key-file.js';

export const schemas = createSchemaRegistry();

export interface TestApp {
  url: string;
  deps: Deps;
  get(path: string, headers?: Record<string, string>): Promise<TestResponse>;
  request(
    method: string,
    path: string,
    options?: { body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

/** A server over a fresh in-memory database with data/ imported (or left empty), listening on a free port. */
export async function startTestApp(
  options: {
    seed?: boolean;
    now?: () => Date;
    signingKey?: SigningKey;
    app?: AppOptions;
    logOrigin?: string;
    witnessKeys?: string[];
    replica?: () => ReplicaStatus;
  } = {},
): Promise<TestApp> {
  const db = openDatabase(':memory:');
  if (options.seed ?? true) importCatalog(db, schemas, dataDir(), { now: options.now });
  const deps = createDeps({
    db,
    schemas,
    now: options.now,
    signingKey: options.signingKey ?? generateSigningKey(),
    logOrigin: options.logOrigin,
    witnessKeys: options.witnessKeys,
    replica: options.replica,
  });
  deps.certificates.publishCurrentKey();
  const server: Server = await new Promise((resolve) => {
    const s = createApp(deps, options.app ?? { authFailuresPerWindow: 100_000 }).listen(0, '127.0.0.1', () =>
      resolve(s),
    );
  });
  answerClientErrors(server);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const request: TestApp['request'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    let body: string | undefined = opts.raw;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(url + path, { method, headers, body });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    return {
      status: res.status,
      headers: res.headers,
      text,
      body: type.includes('json') && text ? JSON.parse(text) : undefined,
    };
  };
  return {
    url,
    deps,
    request,
    get: (path, headers) => request('GET', path, { headers }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          db.close();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

/** Every HTTP test checks the body against its public schema. */
export function assertSchema(body: unknown, file: string): void {
  const problems = schemas.validate(file, body);
  assert.deepEqual(problems, [], `response does not match ${file}: ${JSON.stringify(problems.slice(0, 5))}`);
}

/** A problem+json answer with the given status, valid against the problem schema. */
export function assertProblem(res: TestResponse, status: number): void {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assertSchema(res.body, 'responses/problem.v1.schema.json');
  assert.equal(res.body.status, status);
  assert.doesNotMatch(res.text, /SQLITE|SELECT |at .*\.ts:\d+/);
}
