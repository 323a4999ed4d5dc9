import { request } from 'node:http';

/**
 * POSTs JSON on a connection of its own. Specs that run the CLI in-process between requests block the
 * event loop for seconds; a kept-alive socket can then be closed by the server's keep-alive timer at
 * the moment the next request is written on it (ECONNRESET, "fetch failed"), so these specs do not reuse one.
 */
export function postFresh(url: string, body: unknown): Promise<{ status: number; body: any; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, body: text ? JSON.parse(text) : undefined }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
