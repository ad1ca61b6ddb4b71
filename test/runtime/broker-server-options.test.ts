import { afterEach, describe, expect, it } from 'vitest';
import {
  BROKER_MAX_PARAM_LENGTH,
  createBrokerServerOptions,
} from '../../src/runtime/broker-server-options.js';
import { handleFrameworkError } from '../../src/runtime/error-handler.js';
import { osbProtocol } from '../../src/runtime/osb-protocol.js';
import {
  BASIC,
  createServerPool,
  putJson,
  registerBroker,
  readJson,
} from './support/broker-server.js';

const servers = createServerPool();
afterEach(() => servers.closeAll());

const PROVISION = { service_id: 's', plan_id: 'p' };
// From IBM Cloud's broker documentation: a resource instance CRN, fully percent-encoded.
const IBM_CRN =
  'crn:v1:bluemix:public:compose-redis:us-south:a/46aa677e-e83f-4d17-a2b6-5b752564477c:416d769b-682d-4833-8bd7-5ef8778e5b52::';

async function startBroker() {
  return servers.start((app) => registerBroker(app), createBrokerServerOptions());
}

async function provisionedId(
  server: { request(path: string, init?: RequestInit): Promise<Response> },
  encodedId: string,
) {
  const response = await server.request(`/v2/service_instances/${encodedId}`, putJson(PROVISION));
  expect(response.status).toBe(201);
  return ((await response.json()) as { instance_id: string }).instance_id;
}

describe('percent-encoded IDs', () => {
  it('delivers an instance_id with %2F and %3A decoded, with / and : intact', async () => {
    const server = await startBroker();
    const id = await provisionedId(
      server,
      'crn%3Av1%3Abluemix%3Apublic%3Acloudantnosqldb%3Aus-south%3Aa%2F1234%3Aabcd%3A%3A',
    );
    expect(id).toBe('crn:v1:bluemix:public:cloudantnosqldb:us-south:a/1234:abcd::');
  });

  it('delivers an instance_id whose colons were sent unencoded', async () => {
    const server = await startBroker();
    const id = await provisionedId(
      server,
      'crn:v1:bluemix:public:cloudantnosqldb:us-south:a%2F1234:abcd::',
    );
    expect(id).toBe('crn:v1:bluemix:public:cloudantnosqldb:us-south:a/1234:abcd::');
  });

  it('decodes an instance_id once, so %252F arrives as %2F', async () => {
    const server = await startBroker();
    expect(await provisionedId(server, 'a%252Fb')).toBe('a%2Fb');
  });

  it('delivers a full-length IBM Cloud CRN', async () => {
    const server = await startBroker();
    expect(await provisionedId(server, encodeURIComponent(IBM_CRN))).toBe(IBM_CRN);
  });

  it('answers a path parameter longer than the limit with 414 in the OSB error shape', async () => {
    const server = await startBroker();
    const response = await server.request(
      `/v2/service_instances/${'x'.repeat(BROKER_MAX_PARAM_LENGTH + 1)}`,
      putJson(PROVISION),
    );
    expect(response.status).toBe(414);
    expect(await readJson(response)).toEqual({
      description: 'A path parameter of the request URL is too long.',
    });
  });

  it('answers a malformed percent-encoding with 400 in the OSB error shape', async () => {
    const server = await startBroker();
    const response = await server.request('/v2/service_instances/a%zzb', putJson(PROVISION));
    expect(response.status).toBe(400);
    expect(await readJson(response)).toEqual({
      description: 'The request URL is not validly percent-encoded.',
    });
  });

  it('echoes the request identity on a malformed percent-encoding', async () => {
    const server = await startBroker();
    const response = await server.request(
      '/v2/service_instances/a%zzb',
      putJson(PROVISION, { 'X-Broker-API-Request-Identity': 'r-1' }),
    );
    expect(response.headers.get('x-broker-api-request-identity')).toBe('r-1');
  });
});

describe('createBrokerServerOptions', () => {
  it('keeps the options it is given', () => {
    const options = createBrokerServerOptions({
      bodyLimit: 65_536,
      routerOptions: { ignoreTrailingSlash: true },
    });
    expect(options).toEqual({
      bodyLimit: 65_536,
      frameworkErrors: handleFrameworkError,
      routerOptions: { ignoreTrailingSlash: true, maxParamLength: BROKER_MAX_PARAM_LENGTH },
      schemaController: { compilersFactory: { buildValidator: expect.any(Function) } },
    });
  });

  it("wraps the caller's validator factory, asking it for a compiler without coercion too", () => {
    const asked: unknown[] = [];
    const buildValidator = (_: unknown, ajv: { customOptions?: unknown }) => {
      asked.push(ajv.customOptions);
      return () => () => true;
    };
    const options = createBrokerServerOptions({
      ajv: { customOptions: { allErrors: false } },
      schemaController: { compilersFactory: { buildValidator: buildValidator as never } },
    });
    const wrapped = options.schemaController?.compilersFactory?.buildValidator as unknown as (
      schemas: unknown,
      ajv: unknown,
    ) => unknown;
    wrapped({}, { customOptions: { allErrors: false } });
    expect(asked).toEqual([{ allErrors: false }, { allErrors: false, coerceTypes: false }]);
  });

  it("lets the caller's maxParamLength win", () => {
    const options = createBrokerServerOptions({ routerOptions: { maxParamLength: 300 } });
    expect(options.routerOptions?.maxParamLength).toBe(300);
  });
});

interface EchoRoute {
  Params: { n: number };
  Querystring: { flag?: boolean };
  Body: { name: string; size?: number };
}

/** A route whose every part has a typed schema, answering what it received. */
async function startEchoBroker() {
  return servers.start(async (app) => {
    await app.register(osbProtocol, { authentication: { basic: BASIC } });
    app.put<EchoRoute>(
      '/echo/:n',
      {
        schema: {
          params: { type: 'object', properties: { n: { type: 'integer' } } },
          querystring: { type: 'object', properties: { flag: { type: 'boolean' } } },
          headers: {
            type: 'object',
            required: ['X-Broker-API-Request-Identity'],
            properties: { 'X-Broker-API-Request-Identity': { type: 'string', minLength: 1 } },
          },
          body: {
            type: 'object',
            required: ['name'],
            properties: { name: { type: 'string', minLength: 1 }, size: { type: 'integer' } },
          },
        },
      },
      async (request) => ({
        n: request.params.n,
        flag: request.query.flag,
        body: request.body,
        sizeIsInteger: request.compileValidationSchema({ type: 'integer' })('5'),
      }),
    );
  }, createBrokerServerOptions());
}

const echo = (
  server: { request(path: string, init?: RequestInit): Promise<Response> },
  body: unknown,
  identity = 'r-1',
) =>
  server.request('/echo/7?flag=true', putJson(body, { 'X-Broker-API-Request-Identity': identity }));

describe('validation under createBrokerServerOptions', () => {
  it('answers a JSON number where the body schema declares a string with 400 naming the field', async () => {
    const server = await startEchoBroker();
    const response = await echo(server, { name: 123 });
    expect(response.status).toBe(400);
    expect(await readJson(response)).toEqual({ description: 'body/name must be string' });
  });

  it('answers a JSON string where the body schema declares an integer with 400', async () => {
    const server = await startEchoBroker();
    const response = await echo(server, { name: 'a', size: '5' });
    expect(response.status).toBe(400);
    expect((await readJson(response)).description).toBe('body/size must be integer');
  });

  it('answers a one-element array where the body schema declares a string with 400, not unwrapped', async () => {
    const server = await startEchoBroker();
    const response = await echo(server, { name: ['a'] });
    expect(response.status).toBe(400);
    expect((await readJson(response)).description).toBe('body/name must be string');
  });

  it('answers an empty string in a present string field with 400', async () => {
    const server = await startEchoBroker();
    const response = await echo(server, { name: '' });
    expect(response.status).toBe(400);
    expect((await readJson(response)).description).toContain('body/name');
  });

  it('still types the query string and path parameters, which arrive as text', async () => {
    const server = await startEchoBroker();
    const response = await echo(server, { name: 'a', size: 5 });
    expect(response.status).toBe(200);
    expect(await readJson(response)).toMatchObject({
      n: 7,
      flag: true,
      body: { name: 'a', size: 5 },
    });
  });

  it('checks header schemas whatever the case of their names', async () => {
    const server = await startEchoBroker();
    const response = await server.request('/echo/7', putJson({ name: 'a' }));
    expect(response.status).toBe(400);
    expect((await readJson(response)).description).toContain('x-broker-api-request-identity');
  });

  it('compiles the schemas a handler compiles itself without coercion', async () => {
    const server = await startEchoBroker();
    const body = await readJson(await echo(server, { name: 'a' }));
    expect(body.sizeIsInteger).toBe(false);
  });
});
