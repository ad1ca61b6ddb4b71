import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { generateProject } from '../helpers/generated-project.js';
import type { GeneratedProject } from '../helpers/generated-project.js';

/**
 * The server generated for the curated broker spec and the example catalog, compiled with tsc
 * under strict and started on 127.0.0.1, answering real HTTP requests.
 */
type BuildServer = (options: {
  authentication: { basic: { username: string; password: string } };
  store: object;
}) => Promise<FastifyInstance>;

type ApiRoutes = (app: FastifyInstance, options: Record<string, unknown>) => Promise<void>;

let project: GeneratedProject;
let compileOutput: string;
let app: FastifyInstance | undefined;

beforeAll(async () => {
  project = await generateProject(
    'spec/open-service-broker.yaml',
    ['server'],
    ['--catalog', 'templates/project/catalog.yaml', '--store', 'memory'],
  );
  compileOutput = await project.compile();
}, 120_000);

afterAll(async () => {
  await project.remove();
});

afterEach(async () => {
  await app?.close();
  app = undefined;
});

const AUTH = `Basic ${Buffer.from('admin:secret').toString('base64')}`;
const CRN =
  'crn:v1:bluemix:public:cloudantnosqldb:us-south:a/1234567890:9f0e1d2c-3b4a-5968-7766-554433221100::';

/** The example catalog's service and its plan with a parameter schema. */
const SERVICE = '0b7d4a1e-5c2f-4e83-9a16-7f3e2d8c1b54';
const DEDICATED = '8c5f1e3a-7b2d-4a9c-b6e0-3d1f9a4c2e78';

/** Starts the generated server.ts: the runtime, the generated catalog and `Broker` as generated. */
async function startGenerated(): Promise<string> {
  const { buildServer } = await project.load<{ buildServer: BuildServer }>('server');
  const { MemoryStore } = await project.load<{ MemoryStore: new () => object }>(
    'server/runtime/broker/index',
  );
  app = await buildServer({
    authentication: { basic: { username: 'admin', password: 'secret' } },
    store: new MemoryStore(),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/** Starts the generated routes with handlers written here, recording what they receive. */
async function startWith(
  handlers: Record<string, (request: Record<string, unknown>) => Promise<unknown>>,
): Promise<string> {
  const { default: Fastify } = await import('fastify');
  const { apiRoutes } = await project.load<{ apiRoutes: ApiRoutes }>('server/routes');
  const { createBrokerServerOptions } = await project.load<{
    createBrokerServerOptions: () => object;
  }>('server/runtime/index');
  app = Fastify(createBrokerServerOptions());
  await app.register(apiRoutes, {
    handlers,
    authentication: { basic: { username: 'admin', password: 'secret' } },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

async function descriptionOf(response: Response): Promise<string> {
  const body = (await response.json()) as { description?: string };
  return body.description ?? '';
}

const headers = (extra: Record<string, string> = {}) => ({
  authorization: AUTH,
  'x-broker-api-version': '2.17',
  'content-type': 'application/json',
  ...extra,
});

describe('the server generated for the broker spec', () => {
  it('compiles under tsc --strict', () => {
    expect(compileOutput).toBe('');
  });

  it('answers 401 in the OSB error shape without credentials', async () => {
    const url = await startGenerated();
    const response = await fetch(`${url}/v2/catalog`, {
      headers: { 'x-broker-api-version': '2.17' },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ description: expect.any(String) });
  });

  it('answers 400 naming the supported version when X-Broker-API-Version is missing', async () => {
    const url = await startGenerated();
    const response = await fetch(`${url}/v2/catalog`, { headers: { authorization: AUTH } });
    expect(response.status).toBe(400);
    expect(await descriptionOf(response)).toContain('2.17');
  });

  it('answers 412 naming the supported version for an unsupported X-Broker-API-Version', async () => {
    const url = await startGenerated();
    const response = await fetch(`${url}/v2/catalog`, {
      headers: headers({ 'x-broker-api-version': '3.0' }),
    });
    expect(response.status).toBe(412);
    expect(await descriptionOf(response)).toContain('2.17');
  });

  it('serves IBM Cloud instance state without an X-Broker-API-Version header, as IBM sends it', async () => {
    const url = await startGenerated();
    const provision = await fetch(`${url}/v2/service_instances/abc`, {
      method: 'PUT',
      headers: headers(),
      body: JSON.stringify({
        service_id: SERVICE,
        plan_id: DEDICATED,
        parameters: { storage_gb: 20 },
      }),
    });
    expect(provision.status).toBe(201);
    const response = await fetch(`${url}/bluemix_v1/service_instances/abc`, {
      headers: { authorization: AUTH },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ enabled: true });
  });

  it('serves the catalog it was generated with', async () => {
    const url = await startGenerated();
    const response = await fetch(`${url}/v2/catalog`, { headers: headers() });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { services: Array<{ id: string; plans: unknown[] }> };
    expect(body.services.map((service) => service.id)).toEqual([SERVICE]);
    expect(body.services[0]?.plans).toHaveLength(2);
  });

  it('answers a provision with plan parameters that break the plan schema 400, naming the field', async () => {
    const url = await startGenerated();
    const response = await fetch(`${url}/v2/service_instances/abc`, {
      method: 'PUT',
      headers: headers(),
      body: JSON.stringify({
        service_id: SERVICE,
        plan_id: DEDICATED,
        parameters: { storage_gb: 5 },
      }),
    });
    expect(response.status).toBe(400);
    expect(await descriptionOf(response)).toMatch(/storage_gb/);
  });

  it('provisions, binds, unbinds and deprovisions with the generated Broker as it stands', async () => {
    const url = await startGenerated();
    const instance = `${url}/v2/service_instances/abc`;
    const query = `service_id=${SERVICE}&plan_id=${DEDICATED}`;
    const body = JSON.stringify({
      service_id: SERVICE,
      plan_id: DEDICATED,
      parameters: { storage_gb: 20, region: 'us-south' },
    });
    expect((await fetch(instance, { method: 'PUT', headers: headers(), body })).status).toBe(201);
    expect((await fetch(instance, { method: 'PUT', headers: headers(), body })).status).toBe(200);
    const bind = await fetch(`${instance}/service_bindings/b1`, {
      method: 'PUT',
      headers: headers(),
      body: JSON.stringify({ service_id: SERVICE, plan_id: DEDICATED }),
    });
    expect(bind.status).toBe(201);
    expect(await bind.json()).toEqual({ credentials: {} });
    const unbind = await fetch(`${instance}/service_bindings/b1?${query}`, {
      method: 'DELETE',
      headers: headers(),
    });
    expect(unbind.status).toBe(200);
    const deprovision = await fetch(`${instance}?${query}`, {
      method: 'DELETE',
      headers: headers(),
    });
    expect(deprovision.status).toBe(200);
    const again = await fetch(`${instance}?${query}`, { method: 'DELETE', headers: headers() });
    expect(again.status).toBe(410);
  });

  it('answers 400 in the OSB error shape for a body that is not JSON', async () => {
    const url = await startWith({});
    const response = await fetch(`${url}/v2/service_instances/abc`, {
      method: 'PUT',
      headers: headers(),
      body: '{"service_id":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ description: expect.any(String) });
  });

  it('answers 400 naming the field when the body breaks the schema', async () => {
    const url = await startWith({});
    const response = await fetch(`${url}/v2/service_instances/abc`, {
      method: 'PUT',
      headers: headers(),
      body: JSON.stringify({ plan_id: 'plan-1' }),
    });
    expect(response.status).toBe(400);
    expect(await descriptionOf(response)).toContain('service_id');
  });

  it('routes an instance ID containing %2F and %3A to the handler intact', async () => {
    const received: string[] = [];
    const url = await startWith({
      fetchServiceInstance: async (request) => {
        received.push((request['params'] as { instance_id: string }).instance_id);
        return { status: 200, body: { service_id: 'service-1', plan_id: 'plan-1' } };
      },
    });
    const response = await fetch(`${url}/v2/service_instances/${encodeURIComponent(CRN)}`, {
      headers: headers(),
    });
    expect(response.status).toBe(200);
    expect(received).toEqual([CRN]);
  });

  it('passes the typed request to the handler and serializes its reply with the declared status', async () => {
    const url = await startWith({
      provisionServiceInstance: async (request) => ({
        status: 201,
        body: {
          dashboard_url: `https://dashboard.example.com/${String((request['body'] as { plan_id: string }).plan_id)}`,
        },
      }),
    });
    const response = await fetch(`${url}/v2/service_instances/abc?accepts_incomplete=true`, {
      method: 'PUT',
      headers: headers(),
      body: JSON.stringify({ service_id: 'service-1', plan_id: 'plan-1' }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({
      dashboard_url: 'https://dashboard.example.com/plan-1',
    });
  });

  it('carries the broker runtime, whose handlers answer a provision through the generated routes', async () => {
    const broker = await project.load<{
      createBrokerHandlers: (
        options: Record<string, unknown>,
      ) => Record<string, never> & { close(): Promise<void> };
      MemoryStore: new () => object;
    }>('server/runtime/broker/index');
    const catalog = {
      services: [
        {
          id: 'service-1',
          name: 'db',
          description: 'A database',
          bindable: false,
          plans: [{ id: 'plan-1', name: 'small', description: 'Small' }],
        },
      ],
    };
    const handlers = broker.createBrokerHandlers({
      catalog,
      store: new broker.MemoryStore(),
      services: {
        provision: async () => ({ dashboardUrl: 'https://dashboard.example.com/1' }),
        deprovision: async () => undefined,
      },
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    try {
      const url = await startWith(handlers);
      const response = await fetch(`${url}/v2/service_instances/abc`, {
        method: 'PUT',
        headers: headers(),
        body: JSON.stringify({ service_id: 'service-1', plan_id: 'plan-1' }),
      });
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ dashboard_url: 'https://dashboard.example.com/1' });
    } finally {
      await handlers.close();
    }
  });

  it('echoes X-Broker-API-Request-Identity', async () => {
    const url = await startGenerated();
    const response = await fetch(`${url}/v2/catalog`, {
      headers: headers({ 'x-broker-api-request-identity': 'req-42' }),
    });
    expect(response.headers.get('x-broker-api-request-identity')).toBe('req-42');
  });
});

describe.each([
  ['spec/cloud-controller-v2.yaml', 'the Cloud Controller spec'],
  ['test/fixtures/specs/hostile-names.yaml', 'a spec of hostile names'],
])('the server generated for %s (%s)', (spec) => {
  it('compiles under tsc --strict', async () => {
    const other = await generateProject(spec, ['server']);
    try {
      expect(await other.compile()).toBe('');
    } finally {
      await other.remove();
    }
  });
});
