/**
 * The server every client calls: `node:http` answering GET with the bench catalog (200) and any
 * other method with `{}` (201), the same bytes every time, so that the difference between two
 * clients is the clients' own work.
 */
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import { announce, CATALOG } from '../server/bench-broker.mjs';

const catalog = JSON.stringify(CATALOG);
const headers = (/** @type {string} */ body) => ({
  'content-type': 'application/json',
  'content-length': String(Buffer.byteLength(body)),
});

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    const [status, body] = request.method === 'GET' ? [200, catalog] : [201, '{}'];
    response.writeHead(status, headers(body));
    response.end(body);
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  announce(typeof address === 'object' && address !== null ? address.port : 0, async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
});
