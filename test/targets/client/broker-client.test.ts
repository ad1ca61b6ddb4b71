import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateProject } from '../../helpers/generated-project.js';
import type { GeneratedProject } from '../../helpers/generated-project.js';
import {
  ASYNC_PLAN,
  FAILING_PLAN,
  FakeBroker,
  SERVICE_ID,
  SLOW_PLAN,
  SYNC_PLAN,
} from './support/fake-broker.js';
import type { HandlerRequest } from './support/fake-broker.js';
import { TYPED_USAGE } from './support/typed-usage.js';

/**
 * The client generated for the curated broker spec, driven over real HTTP on 127.0.0.1 against
 * the server generated from the same spec, with the fake broker's handlers behind it.
 */

interface Result {
  status: number;
  body: unknown;
  headers: Headers;
}
type Operation = (client: unknown, input?: object, options?: object) => Promise<Result>;
type Helper = (client: unknown, input: object, options?: object) => Promise<unknown>;
type ClientModule = Record<string, Operation> & {
  createClient(options: object): unknown;
  bindClient(client: unknown): Record<string, (input?: object) => Promise<Result>>;
};
type BrokerModule = Record<string, Helper> & {
  originatingIdentity(platform: string, value: object): string;
};
type ApiRoutes = (app: FastifyInstance, options: Record<string, unknown>) => Promise<void>;

const OPERATION_IDS = [
  'getCatalog',
  'fetchServiceInstance',
  'provisionServiceInstance',
  'deprovisionServiceInstance',
  'updateServiceInstance',
  'pollServiceInstanceLastOperation',
  'fetchServiceBinding',
  'createServiceBinding',
  'deleteServiceBinding',
  'pollServiceBindingLastOperation',
  'getServiceInstanceState',
  'updateServiceInstanceState',
];

const CRN =
  'crn:v1:bluemix:public:cloudantnosqldb:us-south:a/1234567890:9f0e1d2c-3b4a-5968-7766-554433221100::';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const BASIC = { basic: { username: 'admin', password: 'secret' } };
/** Polling without real waits: the fake broker sends `Retry-After: 0`. */
const POLL = { interval: 1 };

let project: GeneratedProject;
let compileOutput: string;
let api: ClientModule;
let helpers: BrokerModule;
let apiRoutes: ApiRoutes;
let createBrokerServerOptions: () => object;

beforeAll(async () => {
  project = await generateProject('spec/open-service-broker.yaml', ['server', 'client']);
  await writeFile(join(project.dir, 'typed-usage.ts'), TYPED_USAGE);
  compileOutput = await project.compile();
  api = await project.load<ClientModule>('client/client');
  helpers = await project.load<BrokerModule>('client/broker');
  ({ apiRoutes } = await project.load<{ apiRoutes: ApiRoutes }>('server/routes'));
  ({ createBrokerServerOptions } = await project.load<{ createBrokerServerOptions: () => object }>(
    'server/runtime/index',
  ));
}, 180_000);

afterAll(async () => {
  await project?.remove();
});

let broker = new FakeBroker();
let app: FastifyInstance;
let baseUrl: string;
/** Every operationId the client has called, across the file. */
const called = new Set<string>();

// One server for the file (registering the routes compiles every schema); its handlers call
// whichever fake broker the current test has.
beforeAll(async () => {
  const { default: Fastify } = await import('fastify');
  const handlers = Object.fromEntries(
    OPERATION_IDS.map((id) => [id, (request: HandlerRequest) => broker.handlers()[id]!(request)]),
  );
  app = Fastify(createBrokerServerOptions());
  await app.register(apiRoutes, {
    handlers,
    authentication: { ...BASIC, bearer: { token: 'the-token' } },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app.close();
});

beforeEach(() => {
  broker = new FakeBroker();
});

afterEach(() => {
  for (const { operationId } of broker.received) called.add(operationId);
  broker.release();
});

function connect(options: object = {}): unknown {
  return api.createClient({ baseUrl, authentication: BASIC, ...options });
}

function call(operationId: string, input?: object, options?: object): Promise<Result> {
  const operation = api[operationId];
  if (operation === undefined) throw new Error(`client.ts has no ${operationId}`);
  return operation(connect(), input, options);
}

function helper(name: string, input: object, options: object = POLL): Promise<unknown> {
  const run = helpers[name];
  if (run === undefined) throw new Error(`broker.ts has no ${name}`);
  return run(connect(), input, options);
}

function provisionInput(instanceId: string, plan: string, extra: object = {}) {
  return {
    path: { instance_id: instanceId },
    body: { service_id: SERVICE_ID, plan_id: plan },
    ...extra,
  };
}

function headersOf(operationId: string): Record<string, string | undefined> {
  return broker.received.find((entry) => entry.operationId === operationId)?.request.headers ?? {};
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('the call should have failed'),
    (error: unknown) => error,
  );
}

describe('the client generated for the broker spec', () => {
  it('compiles with the generated server and a typed use of it under tsc --strict', () => {
    expect(compileOutput).toBe('');
  });

  it('exports one function per operation, named after its operationId', () => {
    expect(OPERATION_IDS.filter((id) => typeof api[id] !== 'function')).toEqual([]);
  });

  it('reads the catalog', async () => {
    const result = await call('getCatalog');
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ services: [{ id: SERVICE_ID, bindable: true }] });
  });

  it('sends X-Broker-API-Version 2.17 and a new request identity by default', async () => {
    const result = await call('getCatalog');
    const headers = headersOf('getCatalog');
    expect(headers['x-broker-api-version']).toBe('2.17');
    expect(headers['x-broker-api-request-identity']).toMatch(UUID);
    // The server echoes it, as OSB says a broker should.
    expect(result.headers.get('x-broker-api-request-identity')).toBe(
      headers['x-broker-api-request-identity'],
    );
  });

  it('sends the X-Broker-API-Version the client is created with, as IBM Cloud sends 2.12', async () => {
    await api.getCatalog!(connect({ brokerApiVersion: '2.12' }));
    expect(headersOf('getCatalog')['x-broker-api-version']).toBe('2.12');
  });

  it('sends the request identity and originating identity a call gives', async () => {
    const identity = helpers.originatingIdentity('cloudfoundry', { user_id: 'u-1' });
    await call('getCatalog', {
      headers: {
        'X-Broker-API-Request-Identity': 'req-42',
        'X-Broker-API-Originating-Identity': identity,
      },
    });
    expect(headersOf('getCatalog')).toMatchObject({
      'x-broker-api-request-identity': 'req-42',
      'x-broker-api-originating-identity': identity,
    });
  });

  it('authenticates with a Bearer token', async () => {
    const client = api.createClient({ baseUrl, authentication: { bearer: 'the-token' } });
    await expect(api.getCatalog!(client)).resolves.toMatchObject({ status: 200 });
  });

  it('raises a 401 as ApiError when the credentials are wrong', async () => {
    const client = api.createClient({ baseUrl, authentication: { bearer: 'wrong' } });
    await expect(api.getCatalog!(client)).rejects.toMatchObject({ name: 'ApiError', status: 401 });
  });

  it('provisions a Service Instance synchronously with 201', async () => {
    const result = await call('provisionServiceInstance', provisionInput('i-1', SYNC_PLAN));
    expect(result).toMatchObject({ status: 201, body: { dashboard_url: 'https://dash/i-1' } });
    expect(broker.instances.get('i-1')).toMatchObject({ plan_id: SYNC_PLAN });
  });

  it('answers 200 to a second, identical provision', async () => {
    await call('provisionServiceInstance', provisionInput('i-1', SYNC_PLAN));
    const again = await call('provisionServiceInstance', provisionInput('i-1', SYNC_PLAN));
    expect(again.status).toBe(200);
  });

  it('raises a 409 as ApiError with the OSB body when the instance exists with other attributes', async () => {
    await call('provisionServiceInstance', provisionInput('i-1', SYNC_PLAN));
    const error = await failure(call('provisionServiceInstance', provisionInput('i-1', 'other')));
    expect(error).toMatchObject({
      name: 'ApiError',
      code: 'CLIENT_API_ERROR',
      status: 409,
      description: 'i-1 exists with other attributes.',
      body: { description: 'i-1 exists with other attributes.' },
    });
  });

  it('raises a 422 AsyncRequired as ApiError when the plan needs accepts_incomplete', async () => {
    const error = await failure(
      call('provisionServiceInstance', provisionInput('i-1', ASYNC_PLAN)),
    );
    expect(error).toMatchObject({ status: 422, error: 'AsyncRequired' });
    expect((error as { response: Response }).response.status).toBe(422);
  });

  it('answers 202 with an operation to an asynchronous provision, and polls its state', async () => {
    const input = provisionInput('i-1', ASYNC_PLAN, { query: { accepts_incomplete: true } });
    const accepted = await call('provisionServiceInstance', input);
    expect(accepted).toMatchObject({ status: 202, body: { operation: 'create-1' } });
    const polled = await call('pollServiceInstanceLastOperation', {
      path: { instance_id: 'i-1' },
      query: { operation: 'create-1' },
    });
    expect(polled).toMatchObject({ status: 200, body: { state: 'in progress' } });
    expect(polled.headers.get('retry-after')).toBe('0');
  });

  it('fetches a Service Instance', async () => {
    await call('provisionServiceInstance', provisionInput('i-1', SYNC_PLAN));
    const result = await call('fetchServiceInstance', { path: { instance_id: 'i-1' } });
    expect(result).toMatchObject({
      status: 200,
      body: { service_id: SERVICE_ID, plan_id: SYNC_PLAN },
    });
  });

  it('raises a 404 as ApiError for an instance that does not exist', async () => {
    const error = await failure(call('fetchServiceInstance', { path: { instance_id: 'nope' } }));
    expect(error).toMatchObject({ status: 404, description: 'No nope.' });
  });

  it('updates a Service Instance', async () => {
    await call('provisionServiceInstance', provisionInput('i-1', SYNC_PLAN));
    const result = await call('updateServiceInstance', {
      path: { instance_id: 'i-1' },
      body: { service_id: SERVICE_ID, plan_id: 'plan-2' },
    });
    expect(result).toMatchObject({ status: 200, body: {} });
    expect(broker.instances.get('i-1')?.plan_id).toBe('plan-2');
  });

  it('deprovisions a Service Instance, sending service_id and plan_id in the query', async () => {
    await call('provisionServiceInstance', provisionInput('i-1', SYNC_PLAN));
    const result = await call('deprovisionServiceInstance', {
      path: { instance_id: 'i-1' },
      query: { service_id: SERVICE_ID, plan_id: SYNC_PLAN },
    });
    expect(result).toMatchObject({ status: 200, body: {} });
    expect(broker.instances.has('i-1')).toBe(false);
  });

  it('creates, fetches and polls a Service Binding', async () => {
    await call('provisionServiceInstance', provisionInput('i-1', SYNC_PLAN));
    const path = { instance_id: 'i-1', binding_id: 'b-1' };
    const body = { service_id: SERVICE_ID, plan_id: SYNC_PLAN };
    const created = await call('createServiceBinding', { path, body });
    expect(created).toMatchObject({ status: 201, body: { credentials: { username: 'user' } } });
    const fetched = await call('fetchServiceBinding', { path });
    expect(fetched).toMatchObject({ status: 200, body: { credentials: { username: 'user' } } });
    const polled = await call('pollServiceBindingLastOperation', { path });
    expect(polled).toMatchObject({ status: 200, body: { state: 'succeeded' } });
  });

  it('deletes a Service Binding', async () => {
    await call('provisionServiceInstance', provisionInput('i-1', SYNC_PLAN));
    const path = { instance_id: 'i-1', binding_id: 'b-1' };
    await call('createServiceBinding', {
      path,
      body: { service_id: SERVICE_ID, plan_id: SYNC_PLAN },
    });
    const deleted = await call('deleteServiceBinding', {
      path,
      query: { service_id: SERVICE_ID, plan_id: SYNC_PLAN },
    });
    expect(deleted.status).toBe(200);
    expect(broker.bindings.size).toBe(0);
  });

  it('reads and changes the IBM Cloud state of a Service Instance', async () => {
    await call('provisionServiceInstance', provisionInput('i-1', SYNC_PLAN));
    const changed = await call('updateServiceInstanceState', {
      path: { instance_id: 'i-1' },
      body: { enabled: false, reason_code: 'IBMCLOUD_ACCT_SUSPEND' },
    });
    expect(changed).toMatchObject({ status: 200, body: { enabled: false } });
    const read = await call('getServiceInstanceState', { path: { instance_id: 'i-1' } });
    expect(read).toMatchObject({ status: 200, body: { enabled: false, active: false } });
  });

  it('round-trips a CRN instance ID with / and : through the instance operations', async () => {
    await call('provisionServiceInstance', provisionInput(CRN, SYNC_PLAN));
    expect([...broker.instances.keys()]).toEqual([CRN]);
    await expect(
      call('fetchServiceInstance', { path: { instance_id: CRN } }),
    ).resolves.toMatchObject({
      status: 200,
    });
    await expect(
      call('getServiceInstanceState', { path: { instance_id: CRN } }),
    ).resolves.toMatchObject({
      body: { enabled: true },
    });
    const binding = { instance_id: CRN, binding_id: `${CRN}/binding` };
    await call('createServiceBinding', {
      path: binding,
      body: { service_id: SERVICE_ID, plan_id: SYNC_PLAN },
    });
    expect([...broker.bindings.keys()]).toEqual([`${CRN} ${CRN}/binding`]);
  });

  it('retries a catalog read answered 503 and resolves with the catalog', async () => {
    broker.unavailable.set('getCatalog', 2);
    const result = await call('getCatalog');
    expect(result.status).toBe(200);
    expect(broker.received.filter((entry) => entry.operationId === 'getCatalog')).toHaveLength(3);
  });

  it('never retries an update (PATCH) answered 503', async () => {
    await call('provisionServiceInstance', provisionInput('i-1', SYNC_PLAN));
    broker.unavailable.set('updateServiceInstance', 2);
    const error = await failure(
      call('updateServiceInstance', {
        path: { instance_id: 'i-1' },
        body: { service_id: SERVICE_ID },
      }),
    );
    expect(error).toMatchObject({ status: 503, description: 'Starting up.' });
    expect(broker.received.filter((e) => e.operationId === 'updateServiceInstance')).toHaveLength(
      1,
    );
  });

  it('raises TimeoutError when the broker does not answer in time', async () => {
    broker.holdFetchOf('slow');
    const error = await failure(
      call('fetchServiceInstance', { path: { instance_id: 'slow' } }, { timeout: 100 }),
    );
    expect(error).toMatchObject({ name: 'TimeoutError', code: 'CLIENT_TIMEOUT' });
  });

  it("rejects with the signal's reason when the caller aborts", async () => {
    broker.holdFetchOf('slow');
    const controller = new AbortController();
    const pending = call(
      'fetchServiceInstance',
      { path: { instance_id: 'slow' } },
      {
        signal: controller.signal,
      },
    );
    await waitFor(() => broker.received.length === 1);
    controller.abort('the user cancelled');
    await expect(pending).rejects.toBe('the user cancelled');
  });

  it('calls every operation as a method of bindClient', async () => {
    const bound = api.bindClient(connect());
    expect(Object.keys(bound).sort()).toEqual([...OPERATION_IDS].sort());
    await expect(bound['getCatalog']!()).resolves.toMatchObject({ status: 200 });
  });
});

describe('the polling helpers generated for the broker spec', () => {
  it('provisionServiceInstanceAndWait polls until the asynchronous provision succeeded', async () => {
    broker.pollsUntilDone = 2;
    const done = await helper('provisionServiceInstanceAndWait', provisionInput('i-1', ASYNC_PLAN));
    expect(done).toMatchObject({
      result: { status: 202, body: { operation: 'create-1' } },
      lastOperation: { outcome: 'succeeded', polls: 3, lastOperation: { state: 'succeeded' } },
    });
    const polls = broker.received.filter(
      (e) => e.operationId === 'pollServiceInstanceLastOperation',
    );
    expect(polls.map((e) => e.request.query)).toEqual(
      Array(3).fill({ operation: 'create-1', service_id: SERVICE_ID, plan_id: ASYNC_PLAN }),
    );
    expect(broker.received[0]?.request.query).toEqual({ accepts_incomplete: true });
  });

  it('provisionServiceInstanceAndWait resolves at once for a synchronous provision', async () => {
    const done = await helper('provisionServiceInstanceAndWait', provisionInput('i-1', SYNC_PLAN));
    expect(done).toMatchObject({ result: { status: 201 }, lastOperation: undefined });
    expect(broker.received.map((e) => e.operationId)).toEqual(['provisionServiceInstance']);
  });

  it('provisionServiceInstanceAndWait raises LastOperationFailedError when the provision fails', async () => {
    const error = await failure(
      helper('provisionServiceInstanceAndWait', provisionInput('i-1', FAILING_PLAN)),
    );
    expect(error).toMatchObject({
      name: 'LastOperationFailedError',
      code: 'CLIENT_OPERATION_FAILED',
      description: 'The fake ran out of quota.',
      instance_usable: false,
    });
  });

  it('updateServiceInstanceAndWait waits for an asynchronous update', async () => {
    await call('provisionServiceInstance', provisionInput('i-1', SYNC_PLAN));
    const done = await helper('updateServiceInstanceAndWait', {
      path: { instance_id: 'i-1' },
      body: { service_id: SERVICE_ID, plan_id: ASYNC_PLAN },
    });
    expect(done).toMatchObject({
      result: { status: 202 },
      lastOperation: { outcome: 'succeeded' },
    });
  });

  it('deprovisionServiceInstanceAndWait counts the 410 Gone that ends an asynchronous deprovision as success', async () => {
    await helper('provisionServiceInstanceAndWait', provisionInput('i-1', ASYNC_PLAN));
    const done = await helper('deprovisionServiceInstanceAndWait', {
      path: { instance_id: 'i-1' },
      query: { service_id: SERVICE_ID, plan_id: ASYNC_PLAN },
    });
    expect(done).toMatchObject({
      result: { status: 202 },
      lastOperation: { outcome: 'gone', lastOperation: undefined },
    });
    expect(broker.instances.size).toBe(0);
  });

  it('deprovisionServiceInstanceAndWait counts an instance that is already gone as success', async () => {
    const done = await helper('deprovisionServiceInstanceAndWait', {
      path: { instance_id: 'never-was' },
      query: { service_id: SERVICE_ID, plan_id: SYNC_PLAN },
    });
    expect(done).toMatchObject({ result: { status: 410 }, lastOperation: undefined });
  });

  it('createServiceBindingAndWait fetches the credentials once the asynchronous bind succeeded', async () => {
    await call('provisionServiceInstance', provisionInput('i-1', SYNC_PLAN));
    const done = await helper('createServiceBindingAndWait', {
      path: { instance_id: 'i-1', binding_id: 'b-1' },
      body: { service_id: SERVICE_ID, plan_id: ASYNC_PLAN },
    });
    expect(done).toMatchObject({
      result: { status: 202 },
      lastOperation: { outcome: 'succeeded' },
      binding: { status: 200, body: { credentials: { username: 'user' } } },
    });
  });

  it('deleteServiceBindingAndWait waits for an asynchronous unbind', async () => {
    await call('provisionServiceInstance', provisionInput('i-1', SYNC_PLAN));
    const path = { instance_id: 'i-1', binding_id: 'b-1' };
    const body = { service_id: SERVICE_ID, plan_id: ASYNC_PLAN };
    await helper('createServiceBindingAndWait', { path, body });
    const done = await helper('deleteServiceBindingAndWait', { path, query: body });
    expect(done).toMatchObject({ result: { status: 202 }, lastOperation: { outcome: 'gone' } });
    expect(broker.bindings.size).toBe(0);
  });

  it('gives up with PollingTimeoutError when the operation outlasts maxDuration', async () => {
    const error = await failure(
      helper('provisionServiceInstanceAndWait', provisionInput('i-1', SLOW_PLAN), {
        interval: 5,
        maxDuration: 100,
      }),
    );
    expect(error).toMatchObject({
      name: 'PollingTimeoutError',
      maxDuration: 100,
      lastOperation: { state: 'in progress' },
    });
  });

  it('honours Retry-After instead of its own interval', async () => {
    broker.pollsUntilDone = 3;
    // Without Retry-After: 0 from the broker, the first wait alone would outlast this test.
    const done = await helper(
      'provisionServiceInstanceAndWait',
      provisionInput('i-1', ASYNC_PLAN),
      {
        interval: 600_000,
      },
    );
    expect(done).toMatchObject({ lastOperation: { outcome: 'succeeded', polls: 4 } });
  }, 10_000);

  it('stops polling when the signal aborts', async () => {
    const controller = new AbortController();
    const error = await failure(
      helper('provisionServiceInstanceAndWait', provisionInput('i-1', SLOW_PLAN), {
        interval: 600_000,
        signal: controller.signal,
        onPoll: () => controller.abort('stop'),
      }),
    );
    expect(error).toBe('stop');
  });
});

describe('coverage of the spec', () => {
  it('has called every operation of the spec through the generated client', () => {
    for (const { operationId } of broker.received) called.add(operationId);
    expect([...called].sort()).toEqual([...OPERATION_IDS].sort());
  });
});

/** Polls a condition until it holds, for at most two seconds (no fixed sleeps). */
async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
