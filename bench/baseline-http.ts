import { createServer } from 'node:http';
import { FIXED_BODY, listenAddress } from './fixed-body.js';

/**
 * Baseline B: raw node:http answering the fixed JSON body to any request (a POST body is read
 * and dropped): the ceiling of Node's HTTP stack on this machine.
 */
const body = Buffer.from(FIXED_BODY);
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
});
const { port, host } = listenAddress(process.env);
server.listen(port, host);
process.once('SIGTERM', () => server.close(() => process.exit(0)));
