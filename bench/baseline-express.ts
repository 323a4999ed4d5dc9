import express from 'express';
import { FIXED_BODY, fixedBodyOfSize, listenAddress } from './fixed-body.js';

/**
 * Baseline A: a minimal express 5 app (no middleware but the JSON parser where a body comes).
 * GET answers the fixed JSON body; POST parses the JSON body with the same limit chipreg uses
 * (1 MiB) and answers the fixed body, so it is the ceiling for `POST /v1/validate` too.
 * With BODY_BYTES=N, GET answers a body of exactly N bytes instead (the list's baseline: the same
 * app sending an answer as large as the certification list's median answer).
 */
const bytes = Number(process.env.BODY_BYTES ?? 0);
const body = JSON.parse(bytes > 0 ? fixedBodyOfSize(bytes) : FIXED_BODY) as object;
const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.get('/{*path}', (_req, res) => {
  res.json(body);
});
app.post('/{*path}', express.json({ limit: 1024 * 1024 }), (req, res) => {
  res.json({ ...body, received: Object.keys(req.body as object).length });
});
const { port, host } = listenAddress(process.env);
const server = app.listen(port, host);
process.once('SIGTERM', () => server.close(() => process.exit(0)));
