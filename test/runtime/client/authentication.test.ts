import { afterEach, describe, expect, it } from 'vitest';
import { createClientConfig, sendRequest } from '../../../src/runtime/client/index.js';
import type {
  ClientAuthentication,
  OperationDescriptor,
} from '../../../src/runtime/client/index.js';
import { sendJson, TestServers } from './support/test-server.js';

const servers = new TestServers();
afterEach(() => servers.closeAll());

const CATALOG: OperationDescriptor = {
  method: 'GET',
  path: '/v2/catalog',
  responses: { '200': 'json' },
};

async function headersSentWith(authentication: ClientAuthentication) {
  const server = await servers.start((_request, response) => sendJson(response, 200, {}));
  await sendRequest(createClientConfig({ baseUrl: server.url, authentication }), CATALOG);
  return server.requests[0]?.headers ?? {};
}

describe('authentication', () => {
  it('sends Basic credentials as the Base64 of user:password', async () => {
    const headers = await headersSentWith({ basic: { username: 'admin', password: 'secret' } });
    expect(headers['authorization']).toBe(
      `Basic ${Buffer.from('admin:secret').toString('base64')}`,
    );
  });

  it('encodes Basic credentials outside Latin-1 as UTF-8', async () => {
    const headers = await headersSentWith({ basic: { username: 'jürgen', password: '🔑' } });
    expect(headers['authorization']).toBe(
      `Basic ${Buffer.from('jürgen:🔑', 'utf8').toString('base64')}`,
    );
  });

  it('sends a Bearer token given as a string', async () => {
    const headers = await headersSentWith({ bearer: 'abc.def' });
    expect(headers['authorization']).toBe('Bearer abc.def');
  });

  it('sends a Bearer token from an async token source', async () => {
    const headers = await headersSentWith({ bearer: async () => 'iam-token' });
    expect(headers['authorization']).toBe('Bearer iam-token');
  });

  it('sends the headers a function supplies, told the method and URL', async () => {
    const seen: string[] = [];
    const headers = await headersSentWith(async ({ method, url }) => {
      seen.push(`${method} ${new URL(url).pathname}`);
      return { Authorization: 'IAM xyz', 'X-Account': '42' };
    });
    expect(seen).toEqual(['GET /v2/catalog']);
    expect(headers).toMatchObject({ authorization: 'IAM xyz', 'x-account': '42' });
  });

  it('sends no Authorization without authentication', async () => {
    const server = await servers.start((_request, response) => sendJson(response, 200, {}));
    await sendRequest(createClientConfig({ baseUrl: server.url }), CATALOG);
    expect(server.requests[0]?.headers['authorization']).toBeUndefined();
  });
});
