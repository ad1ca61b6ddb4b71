import { afterEach, describe, expect, it } from 'vitest';
import {
  createClientConfig,
  originatingIdentity,
  sendRequest,
} from '../../../src/runtime/client/index.js';
import type { ClientOptions, OperationDescriptor } from '../../../src/runtime/client/index.js';
import { sendEmpty, sendJson, TestServers } from './support/test-server.js';

const servers = new TestServers();
afterEach(() => servers.closeAll());

const CATALOG: OperationDescriptor = {
  method: 'GET',
  path: '/v2/catalog',
  responses: { '200': 'json' },
};
const BROKER = { brokerApiVersion: '2.17' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function startCatalog() {
  return servers.start((_request, response) => sendJson(response, 200, {}));
}

function brokerClient(url: string, options: Partial<ClientOptions> = {}) {
  return createClientConfig({ baseUrl: url, ...options }, BROKER);
}

describe('the OSB headers', () => {
  it("sends the spec's X-Broker-API-Version by default", async () => {
    const server = await startCatalog();
    await sendRequest(brokerClient(server.url), CATALOG);
    expect(server.requests[0]?.headers['x-broker-api-version']).toBe('2.17');
  });

  it('sends the X-Broker-API-Version the client sets, as IBM Cloud sends 2.12', async () => {
    const server = await startCatalog();
    await sendRequest(brokerClient(server.url, { brokerApiVersion: '2.12' }), CATALOG);
    expect(server.requests[0]?.headers['x-broker-api-version']).toBe('2.12');
  });

  it('sends no OSB headers for a client of an API that is not a broker', async () => {
    const server = await startCatalog();
    await sendRequest(createClientConfig({ baseUrl: server.url }), CATALOG);
    const headers = server.requests[0]?.headers ?? {};
    expect(headers['x-broker-api-version']).toBeUndefined();
    expect(headers['x-broker-api-request-identity']).toBeUndefined();
  });

  it('generates a new request identity, a UUID, for every call', async () => {
    const server = await startCatalog();
    const client = brokerClient(server.url);
    await sendRequest(client, CATALOG);
    await sendRequest(client, CATALOG);
    const [first, second] = server.requests.map((r) => r.headers['x-broker-api-request-identity']);
    expect(first).toMatch(UUID);
    expect(second).toMatch(UUID);
    expect(first).not.toBe(second);
  });

  it('keeps the request identity across the retries of one call', async () => {
    const server = await servers.start((_request, response, index) =>
      index === 0 ? sendEmpty(response, 503) : sendJson(response, 200, {}),
    );
    await sendRequest(brokerClient(server.url, { retry: { baseDelay: 1 } }), CATALOG);
    const identities = server.requests.map((r) => r.headers['x-broker-api-request-identity']);
    expect(identities).toHaveLength(2);
    expect(identities[0]).toBe(identities[1]);
  });

  it('keeps a request identity the call gives', async () => {
    const server = await startCatalog();
    await sendRequest(brokerClient(server.url), CATALOG, {
      headers: { 'X-Broker-API-Request-Identity': 'req-42' },
    });
    expect(server.requests[0]?.headers['x-broker-api-request-identity']).toBe('req-42');
  });

  it('sends no request identity when the client turns it off', async () => {
    const server = await startCatalog();
    await sendRequest(brokerClient(server.url, { requestIdentity: false }), CATALOG);
    expect(server.requests[0]?.headers['x-broker-api-request-identity']).toBeUndefined();
  });

  it('sends the originating identity the client is given', async () => {
    const server = await startCatalog();
    const identity = originatingIdentity('cloudfoundry', { user_id: 'u-1' });
    await sendRequest(brokerClient(server.url, { originatingIdentity: identity }), CATALOG);
    expect(server.requests[0]?.headers['x-broker-api-originating-identity']).toBe(identity);
  });
});

describe('originatingIdentity', () => {
  it('writes the platform and the Base64 of the JSON value', () => {
    const value = { user_id: '683ea748-3092-4ff4-b656-39cacc4d5360' };
    expect(originatingIdentity('cloudfoundry', value)).toBe(
      `cloudfoundry ${Buffer.from(JSON.stringify(value)).toString('base64')}`,
    );
  });

  it('encodes values outside Latin-1 as UTF-8', () => {
    const [, encoded] = originatingIdentity('ibmcloud', { iam_id: 'IBMid-ü' }).split(' ');
    expect(JSON.parse(Buffer.from(encoded ?? '', 'base64').toString('utf8'))).toEqual({
      iam_id: 'IBMid-ü',
    });
  });
});
