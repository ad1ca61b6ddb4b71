import { afterEach, describe, expect, it } from 'vitest';
import {
  ApiError,
  createClientConfig,
  InvalidInputError,
  InvalidResponseError,
  isApiError,
  NetworkError,
  sendRequest,
  TimeoutError,
} from '../../../src/runtime/client/index.js';
import type { OperationDescriptor } from '../../../src/runtime/client/index.js';
import { sendEmpty, sendJson, TestServers } from './support/test-server.js';

const servers = new TestServers();
afterEach(() => servers.closeAll());

const GET_INSTANCE: OperationDescriptor = {
  method: 'GET',
  path: '/v2/service_instances/{instance_id}',
  accept: 'application/json',
  responses: { '200': 'json' },
};

const CRN = 'crn:v1:bluemix:public:cloudant:us-south:a/1234:9f0e1d2c-3b4a-5968-7766-554433221100::';

describe('sendRequest', () => {
  it('resolves a declared success with its status, parsed body and headers', async () => {
    const server = await servers.start((_request, response) =>
      sendJson(response, 200, { service_id: 's' }, { etag: 'v1' }),
    );
    const client = createClientConfig({ baseUrl: server.url });
    const result = await sendRequest(client, GET_INSTANCE, { path: { instance_id: 'i-1' } });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ service_id: 's' });
    expect(result.headers.get('etag')).toBe('v1');
  });

  it('percent-encodes a path parameter so that a CRN with / and : stays one segment', async () => {
    const server = await servers.start((_request, response) => sendJson(response, 200, {}));
    const client = createClientConfig({ baseUrl: server.url });
    await sendRequest(client, GET_INSTANCE, { path: { instance_id: CRN } });
    expect(server.requests[0]?.url).toBe(`/v2/service_instances/${encodeURIComponent(CRN)}`);
    expect(server.requests[0]?.url).not.toContain('a/1234');
  });

  it('keeps the path prefix of the base URL', async () => {
    const server = await servers.start((_request, response) => sendJson(response, 200, {}));
    const client = createClientConfig({ baseUrl: `${server.url}/broker/` });
    await sendRequest(client, GET_INSTANCE, { path: { instance_id: 'i' } });
    expect(server.requests[0]?.url).toBe('/broker/v2/service_instances/i');
  });

  it('sends query parameters encoded and leaves out undefined ones', async () => {
    const server = await servers.start((_request, response) => sendJson(response, 200, {}));
    const client = createClientConfig({ baseUrl: server.url });
    await sendRequest(client, GET_INSTANCE, {
      path: { instance_id: 'i' },
      query: { plan_id: 'a b&c', service_id: undefined, accepts_incomplete: true },
    });
    expect(server.requests[0]?.url).toBe(
      '/v2/service_instances/i?plan_id=a%20b%26c&accepts_incomplete=true',
    );
  });

  it('sends a JSON body with its media type and the declared Accept', async () => {
    const server = await servers.start((_request, response) => sendJson(response, 201, {}));
    const client = createClientConfig({ baseUrl: server.url });
    await sendRequest(
      client,
      {
        ...GET_INSTANCE,
        method: 'PUT',
        requestMediaType: 'application/json',
        responses: { '201': 'json' },
      },
      { path: { instance_id: 'i' }, body: { service_id: 's', plan_id: 'p' } },
    );
    const request = server.requests[0];
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['accept']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual({ service_id: 's', plan_id: 'p' });
  });

  it('reads a declared success without content as an undefined body', async () => {
    const server = await servers.start((_request, response) => sendEmpty(response, 204));
    const client = createClientConfig({ baseUrl: server.url });
    const result = await sendRequest(
      client,
      { ...GET_INSTANCE, responses: { '204': 'none' } },
      {
        path: { instance_id: 'i' },
      },
    );
    expect(result).toMatchObject({ status: 204, body: undefined });
  });

  it('matches a status against a declared range such as 2XX', async () => {
    const server = await servers.start((_request, response) => sendJson(response, 207, [1]));
    const client = createClientConfig({ baseUrl: server.url });
    const result = await sendRequest(
      client,
      { ...GET_INSTANCE, responses: { '2XX': 'json' } },
      {
        path: { instance_id: 'i' },
      },
    );
    expect(result).toMatchObject({ status: 207, body: [1] });
  });

  it('rejects an undeclared status with an ApiError carrying the status, OSB fields and raw response', async () => {
    const body = {
      error: 'ConcurrencyError',
      description: 'Another operation is in progress.',
      instance_usable: true,
      update_repeatable: false,
    };
    const server = await servers.start((_request, response) => sendJson(response, 422, body));
    const client = createClientConfig({ baseUrl: server.url });
    const error = await sendRequest(client, GET_INSTANCE, { path: { instance_id: 'i' } }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(isApiError(error, 422)).toBe(true);
    expect(error).toMatchObject({
      code: 'CLIENT_API_ERROR',
      status: 422,
      body,
      error: 'ConcurrencyError',
      description: 'Another operation is in progress.',
      instance_usable: true,
      update_repeatable: false,
    });
    expect((error as ApiError).response.status).toBe(422);
  });

  it('keeps a body that is not JSON as text on the ApiError', async () => {
    const server = await servers.start((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<h1>Bad Gateway</h1>');
    });
    const client = createClientConfig({ baseUrl: server.url });
    const error = await sendRequest(client, GET_INSTANCE, { path: { instance_id: 'i' } }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({
      status: 502,
      body: '<h1>Bad Gateway</h1>',
      description: undefined,
    });
  });

  it('rejects a success whose declared JSON body does not parse with InvalidResponseError', async () => {
    const server = await servers.start((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"service_id":');
    });
    const client = createClientConfig({ baseUrl: server.url });
    const error = await sendRequest(client, GET_INSTANCE, { path: { instance_id: 'i' } }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ code: 'CLIENT_INVALID_RESPONSE', status: 200 });
  });

  it.each([[''], ['.'], ['..']])(
    'refuses the path parameter %j, which would not reach the server as one segment',
    async (id) => {
      const client = createClientConfig({ baseUrl: 'http://127.0.0.1:9' });
      await expect(
        sendRequest(client, GET_INSTANCE, { path: { instance_id: id } }),
      ).rejects.toBeInstanceOf(InvalidInputError);
    },
  );

  it('rejects with NetworkError when nothing listens', async () => {
    const client = createClientConfig({ baseUrl: await servers.closedUrl(), retry: false });
    const error = await sendRequest(client, GET_INSTANCE, { path: { instance_id: 'i' } }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'CLIENT_NETWORK' });
  });

  it('rejects with TimeoutError when the answer takes longer than the timeout', async () => {
    const server = await servers.start(() => undefined);
    const client = createClientConfig({ baseUrl: server.url, timeout: 50 });
    const error = await sendRequest(client, GET_INSTANCE, { path: { instance_id: 'i' } }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: 'CLIENT_TIMEOUT', timeout: 50 });
  });

  it('takes a per-call timeout over the client one', async () => {
    const server = await servers.start(() => undefined);
    const client = createClientConfig({ baseUrl: server.url, timeout: 60_000 });
    await expect(
      sendRequest(client, GET_INSTANCE, { path: { instance_id: 'i' } }, { timeout: 30 }),
    ).rejects.toMatchObject({ code: 'CLIENT_TIMEOUT', timeout: 30 });
  });

  it("rejects with the signal's reason when the caller aborts a request under way", async () => {
    const controller = new AbortController();
    const reason = new Error('the user went away');
    const server = await servers.start(() => controller.abort(reason));
    const client = createClientConfig({ baseUrl: server.url });
    await expect(
      sendRequest(
        client,
        GET_INSTANCE,
        { path: { instance_id: 'i' } },
        { signal: controller.signal },
      ),
    ).rejects.toBe(reason);
    expect(server.requests).toHaveLength(1);
  });

  it('sends nothing when the signal has already aborted', async () => {
    const server = await servers.start((_request, response) => sendJson(response, 200, {}));
    const client = createClientConfig({ baseUrl: server.url });
    const signal = AbortSignal.abort();
    await expect(
      sendRequest(client, GET_INSTANCE, { path: { instance_id: 'i' } }, { signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.requests).toHaveLength(0);
  });

  it('calls the fetch given in the options', async () => {
    const calls: string[] = [];
    const client = createClientConfig({
      baseUrl: 'http://broker.invalid',
      fetch: async (url) => {
        calls.push(url);
        return Response.json({ ok: true });
      },
    });
    const result = await sendRequest(client, GET_INSTANCE, { path: { instance_id: 'i' } });
    expect(calls).toEqual(['http://broker.invalid/v2/service_instances/i']);
    expect(result.body).toEqual({ ok: true });
  });

  it('lets per-call headers override the client and operation headers', async () => {
    const server = await servers.start((_request, response) => sendJson(response, 200, {}));
    const client = createClientConfig({ baseUrl: server.url, headers: { 'x-trace': 'client' } });
    await sendRequest(
      client,
      GET_INSTANCE,
      { path: { instance_id: 'i' }, headers: { 'x-trace': 'operation', 'x-other': 'kept' } },
      { headers: { 'x-trace': 'call' } },
    );
    expect(server.requests[0]?.headers).toMatchObject({ 'x-trace': 'call', 'x-other': 'kept' });
  });

  it('treats header names case-insensitively, the stronger source winning', async () => {
    const server = await servers.start((_request, response) => sendJson(response, 200, {}));
    const client = createClientConfig({
      baseUrl: server.url,
      headers: { 'X-Trace': 'client', Accept: 'text/plain' },
    });
    await sendRequest(
      client,
      { ...GET_INSTANCE, parameters: [] },
      {
        path: { instance_id: 'i' },
        headers: { constructor: 'odd' },
      },
      { headers: { 'x-TRACE': 'call', 'X-Broker-API-Request-Identity': 'mine' } },
    );
    const headers = server.requests[0]?.headers ?? {};
    expect(headers).toMatchObject({
      'x-trace': 'call',
      accept: 'text/plain',
      'x-broker-api-request-identity': 'mine',
      constructor: 'odd',
    });
  });

  it('passes a header named __proto__ to fetch as a header, not as the prototype of the headers', async () => {
    const sent: object[] = [];
    // JSON.parse makes an own `__proto__` property, as a spec's header name would.
    const headers = JSON.parse('{"__proto__": "client"}') as Record<string, string>;
    const client = createClientConfig({
      baseUrl: 'http://broker.invalid',
      headers,
      fetch: async (_url, init) => {
        sent.push(init.headers as object);
        return Response.json({});
      },
    });
    await sendRequest(client, GET_INSTANCE, { path: { instance_id: 'i' } });
    await sendRequest(
      client,
      GET_INSTANCE,
      { path: { instance_id: 'i' } },
      { headers: JSON.parse('{"__PROTO__": "call"}') as Record<string, string> },
    );
    const values = sent.map((each) => Object.getOwnPropertyDescriptor(each, '__proto__')?.value);
    expect(values).toEqual(['client', 'call']);
    expect(sent.map((each) => Object.getPrototypeOf(each) as unknown)).toEqual([
      Object.prototype,
      Object.prototype,
    ]);
  });

  it('sends the credentials as they are at each call, when the same object changes', async () => {
    const server = await servers.start((_request, response) => sendJson(response, 200, {}));
    const basic = { username: 'platform', password: 'old' };
    const client = createClientConfig({ baseUrl: server.url, authentication: { basic } });
    await sendRequest(client, GET_INSTANCE, { path: { instance_id: 'i' } });
    await sendRequest(client, GET_INSTANCE, { path: { instance_id: 'i' } });
    basic.password = 'new';
    await sendRequest(client, GET_INSTANCE, { path: { instance_id: 'i' } });
    const sent = server.requests.map((request) => request.headers['authorization']);
    const encode = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;
    expect(sent).toEqual([encode('platform:old'), encode('platform:old'), encode('platform:new')]);
  });
});
