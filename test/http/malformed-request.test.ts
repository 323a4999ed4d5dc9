import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { assertSchema, startTestApp, type TestApp } from '../helpers/test-app.js';

let app: TestApp;
before(async () => {
  app = await startTestApp({ seed: false });
});
after(() => app.close());

/** Sends bytes as they are (curl sends a typed query's UTF-8 unencoded) and reads the whole answer. */
function rawRequest(requestLine: string): Promise<string> {
  const { hostname, port } = new URL(app.url);
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

  it('still serves the same query percent-encoded', async () => {
    const res = await app.get(`/v1/chips?q=${encodeURIComponent('昇腾')}`);
    assert.equal(res.status, 200);
  });
});
