import { afterEach, describe, expect, it } from 'vitest';
import {
  BROKER_MAX_PARAM_LENGTH,
  createBrokerServerOptions,
} from '../../src/runtime/broker-server-options.js';
import { handleFrameworkError } from '../../src/runtime/error-handler.js';
import { createServerPool, putJson, registerBroker, readJson } from './support/broker-server.js';

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
    });
  });

  it("lets the caller's maxParamLength win", () => {
    const options = createBrokerServerOptions({ routerOptions: { maxParamLength: 300 } });
    expect(options.routerOptions?.maxParamLength).toBe(300);
  });
});
