import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { validate } from '@readme/openapi-parser';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { routeSpecs } from '../../src/http/openapi/route-specs.js';
import { schemas, startTestApp, type TestApp } from '../helpers/test-app.js';

let app: TestApp;
let doc: any;
before(async () => {
  app = await startTestApp();
  doc = (await app.get('/openapi.json')).body;
});
after(() => app.close());

/** Every route express serves, as `method path` with OpenAPI-style parameters. */
function servedRoutes(expressApp: any): string[] {
  const out: string[] = [];
  for (const layer of expressApp.router.stack) {
    const routes = layer.route ? [layer.route] : (layer.handle?.stack ?? []).map((l: any) => l.route).filter(Boolean);
    for (const route of routes) {
      for (const method of Object.keys(route.methods))
        out.push(
          `${method} ${String(route.path)
            .replace(/:(\w+)/g, '{$1}')
            .replace(/\*(\w+)/, '{$1}')}`,
        );
    }
  }
  return out;
}

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    assert.equal(doc.openapi, '3.1.0');
    const result = await validate(structuredClone(doc));
    assert.ok(result.valid, JSON.stringify((result as { errors?: unknown }).errors ?? result).slice(0, 2000));
  });

  it('passes the Redocly recommended lint with no errors', async () => {
    const config = await createConfig({
      extends: ['recommended'],
      rules: { 'no-server-example.com': 'off', 'info-contact': 'off', 'no-empty-servers': 'off' },
    });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: '/openapi.json', config });
    const errors = problems.filter((p: { severity: string }) => p.severity === 'error');
    assert.deepEqual(
      errors.map((p: any) => `${p.ruleId}: ${p.message} @ ${p.location?.[0]?.pointer}`),
      [],
    );
  });

  it('describes every API route the app serves, and nothing it does not', async () => {
    const { createApp } = await import('../../src/app.js');
    const served = servedRoutes(createApp(app.deps)).filter((r) =>
      /^\w+ \/(v1|tlog|healthz|readyz|metrics|openapi\.json|schemas)/.test(r),
    );
    const documented = routeSpecs.map((s) => `${s.method} ${s.path}`);
    assert.deepEqual([...new Set(served)].sort(), [...documented].sort());
  });

  it('embeds the schemas of schemas/ as components, so HTTP tests and the document check the same shapes', () => {
    for (const file of schemas.files.keys()) {
      const name = file.replace(/\.schema\.json$/, '').replace(/\//g, '.');
      assert.ok(doc.components.schemas[name], `component ${name} missing`);
    }
    for (const spec of routeSpecs) {
      for (const file of Object.values(spec.ok))
        if (file) assert.ok(schemas.files.has(file), `${spec.path} answers with unknown ${file}`);
    }
  });

  it('serves interactive docs from npm-packaged assets', async () => {
    const page = await app.get('/docs');
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /https?:\/\//);
    assert.equal((await app.get('/docs/assets/swagger-ui-bundle.js')).status, 200);
    assert.equal((await app.get('/docs/init.js')).status, 200);
  });
});
