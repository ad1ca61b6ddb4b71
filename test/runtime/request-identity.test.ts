import { afterEach, describe, expect, it } from 'vitest';
import { createServerPool, platformHeaders, registerBroker } from './support/broker-server.js';

const servers = createServerPool();
afterEach(() => servers.closeAll());

const REQUEST_ID = '6d8e2a7c-1b3f-4f0a-9c55-0e6f8d2b1a47';

describe('the X-Broker-API-Request-Identity echo', () => {
  it('echoes the request identity on a successful response', async () => {
    const server = await servers.start((app) => registerBroker(app));
    const response = await server.request('/v2/catalog', {
      headers: platformHeaders({ 'X-Broker-API-Request-Identity': REQUEST_ID }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-broker-api-request-identity')).toBe(REQUEST_ID);
  });

  it('echoes the request identity on a 401', async () => {
    const server = await servers.start((app) => registerBroker(app));
    const response = await server.request('/v2/catalog', {
      headers: { 'X-Broker-API-Version': '2.17', 'X-Broker-API-Request-Identity': REQUEST_ID },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('x-broker-api-request-identity')).toBe(REQUEST_ID);
  });

  it('echoes the request identity on a 404 for an unknown route', async () => {
    const server = await servers.start((app) => registerBroker(app));
    const response = await server.request('/v2/unknown', {
      headers: platformHeaders({ 'X-Broker-API-Request-Identity': REQUEST_ID }),
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-broker-api-request-identity')).toBe(REQUEST_ID);
  });

  it('sends no request identity when the request has none', async () => {
    const server = await servers.start((app) => registerBroker(app));
    const response = await server.request('/v2/catalog', { headers: platformHeaders() });
    expect(response.headers.has('x-broker-api-request-identity')).toBe(false);
  });
});
