import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { importCatalog } from '../../src/catalog/import-catalog.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/open-database.js';
import { dataDir } from '../../src/package-root.js';
import { startReplica } from '../../src/serve-replica.js';
import { assertSchema, schemas, startTestApp, type TestApp } from '../helpers/test-app.js';

let app: TestApp;
before(async () => {
  app = await startTestApp({ seed: false });
});
after(() => app.close());

/** Sends bytes as they are (curl sends a typed query's UTF-8 unencoded) and reads the whole answer. */
function rawRequest(requestLine: string, url = app.url): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () =>
      socket.write(Buffer.from(`${requestLine}\r\nHost: ${hostname}\r\n\r\n`, 'utf8')),
    );
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

describe('requests the HTTP parser refuses', () => {
  it('answers a raw UTF-8 query with a readable 400 problem that says how to encode it', async () => {
    const answer = await rawRequest('GET /v1/chips?q=昇腾 HTTP/1.1');
    const [head, body] = answer.split('\r\n\r\n');
    assert.match(head!, /^HTTP\/1\.1 400 Bad Request/);
    assert.match(head!, /content-type: application\/problem\+json/i);
    const problem = JSON.parse(body!);
    assertSchema(problem, 'responses/problem.v1.schema.json');
    assert.equal(problem.code, 'malformed-request');
    assert.match(problem.detail, /percent-encoded/);
    assert.match(problem.detail, /--data-urlencode/);
  });

  it('a read replica answers it the same way (primary and replica listen through one function)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipreg-malformed-replica-'));
    const primary = openDatabase(join(dir, 'primary.db'));
    importCatalog(primary, schemas, dataDir(), { actor: 'test' });
    primary.close();
    const replica = await startReplica(
      loadConfig({}, { dbPath: join(dir, 'replica.db'), port: 0, host: '127.0.0.1' }),
      { primaryPath: join(dir, 'primary.db'), primaryUrl: null, intervalMs: 60_000 },
      pino({ level: 'silent' }),
    );
    try {
      const answer = await rawRequest('GET /v1/chips?q=昇腾 HTTP/1.1', `http://127.0.0.1:${replica.port}`);
      const [head, body] = answer.split('\r\n\r\n');
      assert.match(head!, /^HTTP\/1\.1 400 Bad Request/);
      assert.equal(JSON.parse(body!).code, 'malformed-request');
    } finally {
      await replica.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('still serves the same query percent-encoded', async () => {
    const res = await app.get(`/v1/chips?q=${encodeURIComponent('昇腾')}`);
    assert.equal(res.status, 200);
  });
});
