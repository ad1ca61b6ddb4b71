import { afterEach, describe, expect, it } from 'vitest';
import { sendReply } from '../../src/runtime/send-reply.js';
import type { HandlerReply } from '../../src/runtime/send-reply.js';
import { createServerPool } from './support/broker-server.js';

const servers = createServerPool();
afterEach(() => servers.closeAll());

const RESPONSE_SCHEMA = {
  200: { type: 'object', properties: { name: { type: 'string' } } },
};

/** A server answering `reply` on GET /with-schema (whose schema knows `name` only) and GET /plain. */
async function serve(reply: HandlerReply) {
  return servers.start((app) => {
    app.get('/with-schema', { schema: { response: RESPONSE_SCHEMA } }, async (_request, raw) =>
      sendReply(raw, reply),
    );
    app.get('/plain', async (_request, raw) => sendReply(raw, reply));
  });
}

describe('sendReply', () => {
  it('serializes a body through the route response schema', async () => {
    const server = await serve({ status: 200, body: { name: 'a', secret: 'b' } });
    const response = await server.request('/with-schema');
    expect(await response.text()).toBe('{"name":"a"}');
  });

  it('sends a constant reply as its response schema writes it, on every request', async () => {
    const server = await serve({ status: 200, body: { name: 'a', secret: 'b' }, constant: true });
    for (let request = 0; request < 2; request += 1) {
      const response = await server.request('/with-schema');
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await response.text()).toBe('{"name":"a"}');
    }
  });

  it('sends a constant reply as plain JSON on a route without a response schema', async () => {
    const server = await serve({ status: 200, body: { name: 'a', secret: 'b' }, constant: true });
    const response = await server.request('/plain');
    expect(await response.json()).toEqual({ name: 'a', secret: 'b' });
  });

  it('sends the headers and status of the reply, and no body when it has none', async () => {
    const server = await serve({ status: 204, headers: { 'Retry-After': 5 } });
    const response = await server.request('/plain');
    expect(response.status).toBe(204);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.text()).toBe('');
  });
});
