import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ReplicaStatus } from '../../src/replica/replica-status.js';
import { assertProblem, assertSchema, startTestApp, type TestApp } from '../helpers/test-app.js';

/** Specification of what a read replica answers (issue 14); following the primary is in test/cluster. */

const status: ReplicaStatus = {
  primary: 'http://primary.example:8081',
  primaryRevision: 9,
  revision: 7,
  lagSeconds: 1.5,
};
let app: TestApp;
before(async () => {
  app = await startTestApp({ replica: () => status });
});
after(() => app.close());

describe('a read replica', () => {
  it('reports the primary, both revisions and its lag in /v1/meta', async () => {
    const res = await app.get('/v1/meta');
    assert.equal(res.status, 200);
    assertSchema(res.body, 'responses/meta.v1.schema.json');
    assert.deepEqual(res.body.replica, status);
  });

  it('reports the same in /readyz', async () => {
    const res = await app.get('/readyz');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.replica, status);
  });

  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const)
    it(`refuses ${method} with a read-only-replica problem naming the primary`, async () => {
      const res = await app.request(method, '/v1/submissions', { body: {} });
      assertProblem(res, 503);
      assert.equal(res.body.code, 'read-only-replica');
      assert.equal(res.body.primary, status.primary);
      assert.match(res.body.detail, /primary\.example:8081/);
    });

  it('still answers reads', async () => {
    assert.equal((await app.get('/v1/chips')).status, 200);
  });
});

describe('a primary', () => {
  it('has no replica member in /v1/meta', async () => {
    const primary = await startTestApp();
    try {
      const res = await primary.get('/v1/meta');
      assert.equal(res.body.replica, undefined);
    } finally {
      await primary.close();
    }
  });
});
