import { afterEach, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { osbProtocol } from '../../src/runtime/osb-protocol.js';
import type { OsbUsageError } from '../../src/runtime/errors.js';
import {
  BASIC,
  createServerPool,
  encodeIdentity,
  platformHeaders,
  registerBroker,
  readJson,
} from './support/broker-server.js';

const servers = createServerPool();
afterEach(() => servers.closeAll());

describe('the order of the rules', () => {
  it('checks authentication before the version header', async () => {
    const server = await servers.start((app) => registerBroker(app));
    const response = await server.request('/v2/catalog');
    expect(response.status).toBe(401);
  });

  it('checks the version header before the originating identity', async () => {
    const server = await servers.start((app) => registerBroker(app));
    const response = await server.request('/v2/catalog', {
      headers: platformHeaders({
        'X-Broker-API-Version': '1.0',
        'X-Broker-API-Originating-Identity': 'malformed',
      }),
    });
    expect(response.status).toBe(412);
  });

  it('checks the version header once an asynchronous verify has accepted the token', async () => {
    const server = await servers.start((app) =>
      registerBroker(app, { authentication: { bearer: { verify: async () => true } } }),
    );
    const response = await server.request('/v2/catalog', {
      headers: { Authorization: 'Bearer token' },
    });
    expect(response.status).toBe(400);
  });

  it('reads the originating identity once an asynchronous verify has accepted the token', async () => {
    const server = await servers.start((app) =>
      registerBroker(app, { authentication: { bearer: { verify: async () => true } } }),
    );
    const response = await server.request('/v2/catalog', {
      headers: {
        Authorization: 'Bearer token',
        'X-Broker-API-Version': '2.17',
        'X-Broker-API-Originating-Identity': 'malformed',
      },
    });
    expect(response.status).toBe(400);
  });

  it('checks authentication before answering 404 for an unknown route', async () => {
    const server = await servers.start((app) => registerBroker(app));
    const response = await server.request('/v2/unknown');
    expect(response.status).toBe(401);
  });
});

describe('osbProtocol options', () => {
  it('lets every request through when no authentication is configured', async () => {
    const server = await servers.start((app) => registerBroker(app, {}));
    const response = await server.request('/v2/catalog', {
      headers: { 'X-Broker-API-Version': '2.17' },
    });
    expect(response.status).toBe(200);
  });

  it('accepts requests without a version header when apiVersion is false', async () => {
    const server = await servers.start((app) =>
      registerBroker(app, { authentication: { basic: BASIC }, apiVersion: false }),
    );
    const headers = platformHeaders();
    delete headers['X-Broker-API-Version'];
    const response = await server.request('/v2/catalog', { headers });
    expect(response.status).toBe(200);
    expect((await readJson(response)).brokerApiVersion).toBeNull();
  });

  it('skips the version check, and only it, on a route configured with apiVersion: false', async () => {
    const server = await servers.start(async (app) => {
      await registerBroker(app);
      app.get('/bluemix_v1/service_instances/:id', { config: { apiVersion: false } }, async () => ({
        enabled: true,
      }));
    });
    const headers = platformHeaders();
    delete headers['X-Broker-API-Version'];
    expect((await server.request('/bluemix_v1/service_instances/a', { headers })).status).toBe(200);
    expect((await server.request('/bluemix_v1/service_instances/a')).status).toBe(401);
    expect((await server.request('/v2/catalog', { headers })).status).toBe(400);
  });

  it('skips authentication on a route configured with authenticate: false', async () => {
    const server = await servers.start(async (app) => {
      await registerBroker(app);
      app.get('/health', { config: { authenticate: false, apiVersion: false } }, async () => ({
        ok: true,
      }));
    });
    expect((await server.request('/health')).status).toBe(200);
    expect((await server.request('/v2/catalog')).status).toBe(401);
  });

  it('ignores the originating identity when originatingIdentity is false', async () => {
    const server = await servers.start((app) =>
      registerBroker(app, { authentication: { basic: BASIC }, originatingIdentity: false }),
    );
    const response = await server.request('/v2/catalog', {
      headers: platformHeaders({ 'X-Broker-API-Originating-Identity': 'malformed' }),
    });
    expect(response.status).toBe(200);
    expect((await readJson(response)).originatingIdentity).toBeNull();
  });

  it('does not echo the request identity when requestIdentity is false', async () => {
    const server = await servers.start((app) =>
      registerBroker(app, { authentication: { basic: BASIC }, requestIdentity: false }),
    );
    const response = await server.request('/v2/catalog', {
      headers: platformHeaders({ 'X-Broker-API-Request-Identity': 'r-1' }),
    });
    expect(response.headers.has('x-broker-api-request-identity')).toBe(false);
  });

  it('fails registration with OSB_RUNTIME_INVALID_OPTIONS for unusable options', async () => {
    const app = Fastify();
    app.register(osbProtocol, { apiVersion: { minimum: '2.17', maximum: '2.12' } });
    await expect(app.ready()).rejects.toThrow(
      expect.objectContaining({ code: 'OSB_RUNTIME_INVALID_OPTIONS' }) as OsbUsageError,
    );
    await app.close();
  });
});

describe('the scope of osbProtocol', () => {
  it('applies to the routes of the scope that registers it', async () => {
    const server = await servers.start((app) => {
      app.register(async (broker) => {
        await registerBroker(broker);
      });
    });
    const response = await server.request('/v2/catalog');
    expect(response.status).toBe(401);
  });

  it('leaves routes outside the registering scope alone', async () => {
    const server = await servers.start((app) => {
      app.get('/health', async () => ({ status: 'ok' }));
      app.register(async (broker) => {
        await registerBroker(broker);
      });
    });
    const response = await server.request('/health');
    expect(response.status).toBe(200);
  });

  it('can be registered in two sibling scopes with different credentials', async () => {
    const server = await servers.start((app) => {
      app.register(
        async (broker) => {
          await registerBroker(broker, { authentication: { bearer: { token: 'first' } } });
        },
        { prefix: '/first' },
      );
      app.register(
        async (broker) => {
          await registerBroker(broker, { authentication: { bearer: { token: 'second' } } });
        },
        { prefix: '/second' },
      );
    });
    const response = await server.request('/second/v2/catalog', {
      headers: { 'X-Broker-API-Version': '2.17', Authorization: 'Bearer second' },
    });
    expect(response.status).toBe(200);
  });

  it('exposes the identity to a route registered in a child scope', async () => {
    const server = await servers.start(async (app) => {
      await registerBroker(app);
      app.register(async (child) => {
        child.get('/v2/whoami', async (request) => request.originatingIdentity ?? null);
      });
    });
    const response = await server.request('/v2/whoami', {
      headers: platformHeaders({
        'X-Broker-API-Originating-Identity': `ibmcloud ${encodeIdentity({ iam_id: 'IBMid-1' })}`,
      }),
    });
    expect((await readJson(response)).iam_id).toBe('IBMid-1');
  });
});

describe('request bodies', () => {
  it('reads an empty application/json body of a DELETE as no body', async () => {
    const server = await servers.start(async (app) => {
      await app.register(osbProtocol, { authentication: { basic: BASIC } });
      app.delete('/v2/service_instances/:id', async (request) => ({ body: request.body ?? null }));
    });
    const response = await server.request('/v2/service_instances/i-1', {
      method: 'DELETE',
      headers: platformHeaders({ 'Content-Type': 'application/json' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ body: null });
  });

  it('still answers 400 for an empty application/json body of a PUT, and for broken JSON', async () => {
    const server = await servers.start(async (app) => {
      await app.register(osbProtocol, { authentication: { basic: BASIC } });
      app.put('/v2/service_instances/:id', async (request) => ({ body: request.body ?? null }));
    });
    const empty = await server.request('/v2/service_instances/i-1', {
      method: 'PUT',
      headers: platformHeaders({ 'Content-Type': 'application/json' }),
    });
    expect(empty.status).toBe(400);
    const broken = await server.request('/v2/service_instances/i-1', {
      method: 'PUT',
      headers: platformHeaders({ 'Content-Type': 'application/json' }),
      body: '{"service_id":',
    });
    expect(broken.status).toBe(400);
    expect(await readJson(broken)).toMatchObject({ description: expect.any(String) });
  });

  it("keeps Fastify's protection against prototype poisoning", async () => {
    const server = await servers.start(async (app) => {
      await app.register(osbProtocol, { authentication: { basic: BASIC } });
      app.put('/v2/service_instances/:id', async (request) => ({ body: request.body ?? null }));
    });
    const response = await server.request('/v2/service_instances/i-1', {
      method: 'PUT',
      headers: platformHeaders({ 'Content-Type': 'application/json' }),
      body: '{"__proto__": {"polluted": true}}',
    });
    expect(response.status).toBe(400);
  });
});
