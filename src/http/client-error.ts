import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { HeadersTooLargeError, MalformedRequestError, type AppError } from '../errors.js';
import { toProblem } from './problem-details.js';

/** What a parser error code means for the person who sent the request. */
function explain(code: string | undefined): AppError {
  if (code === 'HPE_HEADER_OVERFLOW') return new HeadersTooLargeError('The request headers are too large.');
  if (code === 'HPE_INVALID_URL')
    return new MalformedRequestError(
      'The request line contains characters that must be percent-encoded (such as Chinese text in the query). ' +
        "With curl: curl -G --data-urlencode 'q=昇腾' http://HOST/v1/chips (or write ?q=%E6%98%87%E8%85%BE).",
    );
  return new MalformedRequestError('The HTTP request could not be parsed.');
}

/**
 * Requests Node's HTTP parser refuses never reach express, and by default the client gets a bare
 * `400` with no body. The commonest is a query typed with raw UTF-8 (`curl 'host/v1/chips?q=昇腾'`);
 * such a request gets a readable RFC 9457 problem saying how to send it instead.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || error.code === 'ECONNRESET') return void socket.destroy();
    const problem = toProblem(explain(error.code), '');
    const body = JSON.stringify(problem);
    socket.end(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
        'Content-Type: application/problem+json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
