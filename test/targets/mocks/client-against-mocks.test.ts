import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import type { HttpHandler } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateProject } from '../../helpers/generated-project.js';
import type { GeneratedProject } from '../../helpers/generated-project.js';
import { MOCKS_TYPED_USAGE } from './support/typed-usage.js';

/**
 * The client and the mocks generated for the curated broker spec, in a vitest test as a user
 * would write it: msw's `setupServer` with `createHandlers`, the generated client calling it.
 */

interface Result {
  status: number;
  body: unknown;
}
type Operation = (client: unknown, input?: object) => Promise<Result>;
type ClientModule = Record<string, Operation> & { createClient(options: object): unknown };
interface InvalidRequest {
  message: string;
  operationId: string;
  problems: Array<{ location: string; name: string | undefined; path: string; message: string }>;
}
interface MocksModule {
  createHandlers(options?: object): HttpHandler[];
  mockOperation(name: string, reply?: unknown, options?: object): HttpHandler;
}
interface SpecModule {
  mockSpec: {
    operations: Record<
      string,
      { responses: Array<{ status: string; examples: Array<{ value: unknown }> }> }
    >;
  };
}

/** The first example the spec gives for an operation's status, as the mocks hold it. */
function exampleOf(operation: string, status: string): unknown {
  const response = spec.mockSpec.operations[operation]?.responses.find((r) => r.status === status);
  return response?.examples[0]?.value;
}

const BASE = 'http://broker.test';
const BODY = { service_id: 'service-1', plan_id: 'plan-1' };

let project: GeneratedProject;
let compileOutput: string;
let api: ClientModule;
let mocks: MocksModule;
let spec: SpecModule;
let server: ReturnType<typeof setupServer>;
let client: unknown;
const invalid: InvalidRequest[] = [];

beforeAll(async () => {
  project = await generateProject('spec/open-service-broker.yaml', ['client', 'mocks']);
  await writeFile(join(project.dir, 'typed-usage.ts'), MOCKS_TYPED_USAGE);
  compileOutput = await project.compile();
  api = await project.load<ClientModule>('client/client');
  mocks = await project.load<MocksModule>('mocks/handlers');
  spec = await project.load<SpecModule>('mocks/spec');
  server = setupServer(
    ...mocks.createHandlers({
      baseUrl: BASE,
      validateRequests: true,
      onInvalidRequest: (error: InvalidRequest) => invalid.push(error),
    }),
  );
  server.listen({ onUnhandledRequest: 'error' });
  client = api.createClient({
    baseUrl: BASE,
    authentication: { basic: { username: 'admin', password: 'secret' } },
  });
}, 180_000);

afterEach(() => {
  server.resetHandlers();
  invalid.length = 0;
});

afterAll(async () => {
  server?.close();
  await project?.remove();
});

async function rejection(
  call: Promise<unknown>,
): Promise<{ status: number; message: string; body: unknown }> {
  try {
    await call;
  } catch (error) {
    return error as { status: number; message: string; body: unknown };
  }
  throw new Error('the call resolved');
}

describe('the broker client against the generated mocks', () => {
  it('compiles with the mocks under strict, and their types refuse wrong replies', () => {
    expect(compileOutput).toBe('');
  });

  it('gets the catalog the spec gives as its example', async () => {
    const { status, body } = await api.getCatalog!(client);
    expect(status).toBe(200);
    expect(body).toEqual(exampleOf('getCatalog', '200'));
  });

  it('provisions with the spec data of the first success status', async () => {
    const { status, body } = await api.provisionServiceInstance!(client, {
      path: { instance_id: 'instance-1' },
      body: BODY,
    });
    expect(status).toBe(200);
    expect(body).toHaveProperty('dashboard_url');
    expect(invalid).toEqual([]);
  });

  it('answers one operation as a test overrides it, and the others from the spec', async () => {
    server.use(
      mocks.mockOperation('provisionServiceInstance', {
        status: 202,
        body: { operation: 'task-7' },
      }),
    );
    const provisioned = await api.provisionServiceInstance!(client, {
      path: { instance_id: 'instance-1' },
      query: { accepts_incomplete: true },
      body: BODY,
    });
    expect(provisioned).toMatchObject({ status: 202, body: { operation: 'task-7' } });
    expect((await api.getCatalog!(client)).status).toBe(200);
  });

  it('answers an overridden status with the body the spec gives for it', async () => {
    server.use(mocks.mockOperation('fetchServiceInstance', { status: 404 }));
    const error = await rejection(
      api.fetchServiceInstance!(client, { path: { instance_id: 'gone' } }),
    );
    expect(error.status).toBe(404);
    expect(error.body).toEqual(exampleOf('fetchServiceInstance', '404'));
    expect(error.body).toHaveProperty('description');
  });

  it('takes overrides for several operations from createHandlers', async () => {
    server.use(
      ...mocks.createHandlers({
        baseUrl: BASE,
        overrides: {
          getCatalog: { body: { services: [] } },
          deprovisionServiceInstance: { status: 410 },
        },
      }),
    );
    expect((await api.getCatalog!(client)).body).toEqual({ services: [] });
    const query = { service_id: 'service-1', plan_id: 'plan-1' };
    const gone = await rejection(
      api.deprovisionServiceInstance!(client, { path: { instance_id: 'instance-1' }, query }),
    );
    expect(gone.status).toBe(410);
  });

  it('hands a reply function the request and its decoded path parameters', async () => {
    server.use(
      mocks.mockOperation(
        'provisionServiceInstance',
        ({ params, request }: { params: Record<string, string>; request: Request }) => ({
          status: 201,
          body: {
            dashboard_url: `https://dashboard.example.com/${params['instance_id'] ?? ''}?via=${request.method}`,
          },
        }),
      ),
    );
    const crn = 'crn:v1:bluemix:public:db:us-south:a/123:abc::';
    const { status, body } = await api.provisionServiceInstance!(client, {
      path: { instance_id: crn },
      body: BODY,
    });
    expect(status).toBe(201);
    expect(body).toEqual({ dashboard_url: `https://dashboard.example.com/${crn}?via=PUT` });
  });

  it('fails a request whose body breaks the spec, saying which operation and field', async () => {
    const error = await rejection(
      api.provisionServiceInstance!(client, {
        path: { instance_id: 'instance-1' },
        body: { service_id: 'service-1' },
      }),
    );
    expect(error.status).toBe(400);
    expect(error.message).toContain(
      "breaks the spec of provisionServiceInstance: body must have required property 'plan_id'",
    );
    expect(invalid.map((request) => request.problems)).toEqual([
      [
        {
          location: 'body',
          name: undefined,
          path: '',
          message: "must have required property 'plan_id'",
        },
      ],
    ]);
  });

  it('fails a request with a missing header and a query parameter of the wrong type', async () => {
    const response = await fetch(
      `${BASE}/v2/service_instances/instance-1?accepts_incomplete=maybe`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(BODY),
      },
    );
    expect(response.status).toBe(400);
    const { description } = (await response.json()) as { description: string };
    expect(description).toContain('query parameter "accepts_incomplete" must be boolean');
    expect(description).toContain('header parameter "X-Broker-API-Version" is required');
  });
});
