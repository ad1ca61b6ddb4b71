import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMockBroker } from '../../../src/cli/mock/start-mock-broker.js';
import type {
  MockBrokerOptions,
  RunningMockBroker,
} from '../../../src/cli/mock/start-mock-broker.js';
import { createSeededRandom } from '../../../src/runtime/mock-broker/index.js';
import type { RequestLogLine } from '../../../src/runtime/request-log.js';
import { generateProject } from '../../helpers/generated-project.js';
import type { GeneratedProject } from '../../helpers/generated-project.js';
import { REPO } from '../run-cli.js';
import {
  createSendOsb,
  DEDICATED_PLAN,
  driveLifecycle,
  pollUntilDone,
  SERVICE_ID,
  SMALL_PLAN,
} from './osb-requests.js';
import type { SendOsb } from './osb-requests.js';

/**
 * The mock broker started in-process through `startMockBroker`, on 127.0.0.1 and a free port,
 * driven over real HTTP as a platform drives a broker.
 */

interface StartedBroker {
  broker: RunningMockBroker;
  send: SendOsb;
  requests: RequestLogLine[];
  problems: string[];
}

const running: RunningMockBroker[] = [];

async function start(options: Partial<MockBrokerOptions> = {}): Promise<StartedBroker> {
  const requests: RequestLogLine[] = [];
  const problems: string[] = [];
  const broker = await startMockBroker({
    specFile: join(REPO, 'spec/open-service-broker.yaml'),
    catalogFile: join(REPO, 'templates/project/catalog.yaml'),
    templatesDir: join(REPO, 'templates'),
    runtimeDir: join(REPO, 'src/runtime'),
    host: '127.0.0.1',
    port: 0,
    asyncDelayMs: 50,
    failures: [],
    log: {
      request: (line) => requests.push(line),
      problem: (level, message, error) => problems.push(`${level} ${message} ${error ?? ''}`),
    },
    ...options,
  });
  running.push(broker);
  return { broker, send: createSendOsb(broker), requests, problems };
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((broker) => broker.close()));
});

const instanceBody = { service_id: SERVICE_ID, plan_id: SMALL_PLAN };
const bindingBody = { service_id: SERVICE_ID, plan_id: SMALL_PLAN };
const ids = `service_id=${SERVICE_ID}&plan_id=${SMALL_PLAN}`;

describe('startMockBroker', () => {
  it('serves a platform through a whole lifecycle, logging one line per request', async () => {
    const { broker, send, requests, problems } = await start();
    expect(broker.url).toBe(`http://127.0.0.1:${broker.port}`);
    expect(broker.port).toBeGreaterThan(0);

    await driveLifecycle(send, 'instance-1');

    expect(requests[0]).toMatchObject({ method: 'GET', url: '/v2/catalog', status: 200 });
    expect(requests.map((line) => line.status)).toContain(410);
    expect(problems).toEqual([]);
  });

  it('refuses requests without its credentials', async () => {
    const { broker } = await start({ credentials: { username: 'cf', password: 'secret' } });
    const wrong = createSendOsb({
      url: broker.url,
      credentials: { username: 'cf', password: 'x' },
    });
    expect((await wrong('GET', '/v2/catalog')).status).toBe(401);
    const right = createSendOsb(broker);
    expect((await right('GET', '/v2/catalog')).status).toBe(200);
  });

  it('refuses with BG_MOCK_LISTEN a port already taken', async () => {
    const { broker } = await start();
    await expect(start({ port: broker.port })).rejects.toMatchObject({ code: 'BG_MOCK_LISTEN' });
    expect((await createSendOsb(broker)('GET', '/v2/catalog')).status).toBe(200);
  });

  it('makes up credentials when given none', async () => {
    const { broker, send } = await start();
    expect(broker.credentials.username).toMatch(/^mock-/);
    expect(broker.credentials.password.length).toBeGreaterThanOrEqual(24);
    expect((await send('GET', '/v2/catalog')).status).toBe(200);
  });

  it('provisions and binds within the request when the platform does not accept 202', async () => {
    const { send } = await start();
    const provision = await send('PUT', '/v2/service_instances/sync-1', instanceBody);
    expect(provision.status).toBe(201);
    const bind = await send('PUT', '/v2/service_instances/sync-1/service_bindings/b', bindingBody);
    expect(bind.status).toBe(201);
    expect(bind.body['credentials']).toMatchObject({ uri: expect.stringMatching(/^mock:\/\//) });
    const again = await send('PUT', '/v2/service_instances/sync-1', instanceBody);
    expect(again.status).toBe(200);
  });

  it('updates an instance in the background when the platform accepts 202', async () => {
    const { send } = await start();
    expect((await send('PUT', '/v2/service_instances/update-1', instanceBody)).status).toBe(201);
    const update = await send('PATCH', '/v2/service_instances/update-1?accepts_incomplete=true', {
      service_id: SERVICE_ID,
      plan_id: DEDICATED_PLAN,
      parameters: { storage_gb: 20 },
    });
    expect(update.status).toBe(202);
    const { last } = await pollUntilDone(send, '/v2/service_instances/update-1/last_operation');
    expect(last.body['state']).toBe('succeeded');
    const fetched = await send('GET', '/v2/service_instances/update-1');
    expect(fetched.body).toMatchObject({ plan_id: DEDICATED_PLAN });
  });

  it('answers identical concurrent provisions with one operation, then 200, then 409 for different ones', async () => {
    const { send } = await start({ asyncDelayMs: 300 });
    const path = '/v2/service_instances/shared-1?accepts_incomplete=true';
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => send('PUT', path, instanceBody)),
    );
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202, 202, 202]);
    expect(new Set(answers.map((answer) => answer.body['operation'])).size).toBe(1);

    const done = await pollUntilDone(send, '/v2/service_instances/shared-1/last_operation');
    expect(done.last.body['state']).toBe('succeeded');
    expect((await send('PUT', path, instanceBody)).status).toBe(200);
    const different = await send('PUT', path, {
      service_id: SERVICE_ID,
      plan_id: DEDICATED_PLAN,
      parameters: { storage_gb: 20 },
    });
    expect(different.status).toBe(409);
  });

  it('checks parameters against the plan schema of the catalog', async () => {
    const { send } = await start();
    const answer = await send('PUT', '/v2/service_instances/params-1', {
      service_id: SERVICE_ID,
      plan_id: DEDICATED_PLAN,
      parameters: { storage_gb: 5 },
    });
    expect(answer.status).toBe(400);
  });
});

describe('startMockBroker with a broker spec that adds an operation to OSB', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'brokergen-mock-spec-'));
    const spec = parse(await readFile(join(REPO, 'spec/open-service-broker.yaml'), 'utf8'));
    spec.paths['/v2/usage'] = {
      get: {
        operationId: 'getUsage',
        tags: ['Usage'],
        summary: 'How much the broker is used',
        responses: { '200': { description: 'The usage.' } },
      },
    };
    await writeFile(join(dir, 'extended.yaml'), stringify(spec));
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('answers 501 to the added operation, as its generated handler class does, and OSB as always', async () => {
    const { send } = await start({ specFile: join(dir, 'extended.yaml') });
    expect((await send('GET', '/v2/usage')).status).toBe(501);
    expect((await send('GET', '/v2/catalog')).status).toBe(200);
  });
});

describe('startMockBroker with injected failures', () => {
  it('answers 500 with a description naming the injection to a synchronous provision', async () => {
    const { send, problems } = await start({ failures: [{ operation: 'provision', share: 1 }] });
    const answer = await send('PUT', '/v2/service_instances/fail-1', instanceBody);
    expect(answer.status).toBe(500);
    expect(answer.body['description']).toContain('--fail provision');
    // A refusal leaves nothing behind: the platform may simply try again.
    expect((await send('GET', '/v2/service_instances/fail-1')).status).toBe(404);
    // Logged as an answer, without the stack trace a bug gets.
    expect(problems).toEqual([expect.stringMatching(/^warn .* 500 OsbError: .*--fail provision/)]);
    expect(problems[0]).not.toContain(' at ');
  });

  it('ends an asynchronous provision failed in last_operation, saying the failure was injected', async () => {
    const { send } = await start({ failures: [{ operation: 'provision', share: 1 }] });
    const answer = await send(
      'PUT',
      '/v2/service_instances/fail-2?accepts_incomplete=true',
      instanceBody,
    );
    expect(answer.status).toBe(202);
    const { last } = await pollUntilDone(send, '/v2/service_instances/fail-2/last_operation');
    expect(last.body).toMatchObject({
      state: 'failed',
      description: expect.stringContaining('--fail provision'),
    });
  });

  it('fails only the named operations: binds and deprovisions fail, the instance stays', async () => {
    const { send } = await start({
      failures: [
        { operation: 'bind', share: 1 },
        { operation: 'deprovision', share: 1 },
      ],
    });
    expect((await send('PUT', '/v2/service_instances/fail-3', instanceBody)).status).toBe(201);
    const bind = await send('PUT', '/v2/service_instances/fail-3/service_bindings/b', bindingBody);
    expect(bind.status).toBe(500);
    expect(bind.body['description']).toContain('--fail bind');

    const deprovision = await send(
      'DELETE',
      `/v2/service_instances/fail-3?${ids}&accepts_incomplete=true`,
    );
    expect(deprovision.status).toBe(202);
    const { last } = await pollUntilDone(send, '/v2/service_instances/fail-3/last_operation');
    expect(last.body).toMatchObject({ state: 'failed' });
    expect((await send('GET', '/v2/service_instances/fail-3')).status).toBe(200);
  });

  it('fails the share of calls the seeded generator picks, the same ones on every run', async () => {
    const seed = 20_240_611;
    const { send } = await start({ failures: [{ operation: 'provision', share: 0.3 }], seed });
    const statuses: number[] = [];
    for (let index = 0; index < 40; index += 1) {
      // Catalog reads and binds draw nothing: only the provisions use the generator.
      await send('GET', '/v2/catalog');
      statuses.push(
        (await send('PUT', `/v2/service_instances/share-${index}`, instanceBody)).status,
      );
    }
    const random = createSeededRandom(seed);
    const expected = statuses.map(() => (random() < 0.3 ? 500 : 201));
    expect(statuses).toEqual(expected);
    const failed = statuses.filter((status) => status === 500).length;
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThan(40);
  });
});

describe('startMockBroker driven by the generated client', () => {
  interface Result {
    status: number;
    body: Record<string, unknown>;
  }
  type Call = (client: unknown, input?: object, options?: object) => Promise<Result>;
  type ClientModule = { createClient(options: object): unknown; getCatalog: Call };
  type Completed = { result: Result; lastOperation?: { outcome: string } };
  type BrokerModule = Record<
    | 'provisionServiceInstanceAndWait'
    | 'createServiceBindingAndWait'
    | 'deleteServiceBindingAndWait'
    | 'deprovisionServiceInstanceAndWait',
    (client: unknown, input: object) => Promise<Completed & { binding?: Result }>
  >;

  let project: GeneratedProject;
  let api: ClientModule;
  let helpers: BrokerModule;

  beforeAll(async () => {
    project = await generateProject('spec/open-service-broker.yaml', ['client']);
    expect(await project.compile()).toBe('');
    api = await project.load<ClientModule>('client/client');
    helpers = await project.load<BrokerModule>('client/broker');
  }, 180_000);

  afterAll(() => project?.remove());

  it('goes through provision, bind, unbind and deprovision, waiting as a platform does', async () => {
    const { broker } = await start();
    const client = api.createClient({
      baseUrl: broker.url,
      authentication: { basic: broker.credentials },
    });
    expect((await api.getCatalog(client)).status).toBe(200);
    const instance = { instance_id: 'client-1' };
    const provisioned = await helpers.provisionServiceInstanceAndWait(client, {
      path: instance,
      body: instanceBody,
    });
    expect(provisioned.result.status).toBe(202);
    expect(provisioned.lastOperation).toMatchObject({ outcome: 'succeeded' });

    const binding = { ...instance, binding_id: 'client-binding' };
    const bound = await helpers.createServiceBindingAndWait(client, {
      path: binding,
      body: bindingBody,
    });
    expect(bound.binding?.body['credentials']).toMatchObject({ password: expect.any(String) });

    const query = { service_id: SERVICE_ID, plan_id: SMALL_PLAN };
    const unbound = await helpers.deleteServiceBindingAndWait(client, { path: binding, query });
    expect(unbound.result.status).toBe(202);
    const deprovisioned = await helpers.deprovisionServiceInstanceAndWait(client, {
      path: instance,
      query,
    });
    expect(deprovisioned.lastOperation).toMatchObject({ outcome: 'gone' });
  });

  it('rejects with the injected failure once last_operation says failed', async () => {
    const { broker } = await start({ failures: [{ operation: 'provision', share: 1 }] });
    const client = api.createClient({
      baseUrl: broker.url,
      authentication: { basic: broker.credentials },
    });
    const waiting = helpers.provisionServiceInstanceAndWait(client, {
      path: { instance_id: 'client-2' },
      body: instanceBody,
    });
    await expect(waiting).rejects.toMatchObject({
      name: 'LastOperationFailedError',
      description: expect.stringContaining('--fail provision'),
    });
  });
});
