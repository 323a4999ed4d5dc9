import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { Router } from 'express';
import type { SchemaRegistry } from '../../schemas/schema-registry.js';
import { buildOpenApi } from '../openapi/build-openapi.js';

// Resolve the package folder without loading its index, which would parse the whole UI bundle at start-up.
const swaggerUiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>chipreg API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`;

// A file, not an inline script, so the Content-Security-Policy can stay `script-src 'self'`.
const INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n`;

/** `/openapi.json` (built once) and interactive docs at `/docs` from the npm-packaged Swagger UI: no CDN. */
export function docsRouter(schemas: SchemaRegistry, version: string): Router {
  const r = Router();
  const document = JSON.stringify(buildOpenApi(schemas, version));
  r.get('/openapi.json', (_req, res) => {
    res.type('application/json').set('Cache-Control', 'public, max-age=300').send(document);
  });
  r.get('/docs', (_req, res) => {
    res.type('html').send(PAGE);
  });
  r.get('/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(INIT);
  });
  r.use('/docs/assets', express.static(swaggerUiDir, { index: false, maxAge: '1d' }));
  return r;
}
