import { afterEach, describe, expect, it } from 'vitest';
import {
  computeBackoff,
  createClientConfig,
  DEFAULT_RETRY_POLICY,
  isIdempotentMethod,
  NetworkError,
  sendRequest,
} from '../../../src/runtime/client/index.js';
import type { OperationDescriptor } from '../../../src/runtime/client/index.js';
import { sendEmpty, sendJson, TestServers } from './support/test-server.js';

const servers = new TestServers();
afterEach(() => servers.closeAll());

/** Retries without real waits: a tiny backoff, so no test sleeps. */
const FAST = { retries: 2, baseDelay: 1, maxDelay: 1_000 };

function operation(method: string): OperationDescriptor {
  return { method, path: '/v2/thing', responses: { '200': 'json' } };
}

describe('isIdempotentMethod', () => {
  it.each([
    ['GET', true],
    ['HEAD', true],
    ['OPTIONS', true],
    ['TRACE', true],
    ['PUT', true],
    ['DELETE', true],
    ['delete', true],
    ['POST', false],
    ['PATCH', false],
  ])('says %s is idempotent: %s', (method, want) => {
    expect(isIdempotentMethod(method)).toBe(want);
  });
});

describe('computeBackoff', () => {
  it.each([
    [0, 0.5, 50],
    [1, 0.5, 100],
    [3, 0.999, 799],
    [20, 0.5, 15_000],
    [2, 0, 0],
  ])(
    'waits a random share of the doubling ceiling: retry %i, random %f → %i ms',
    (retry, random, want) => {
      expect(computeBackoff(retry, DEFAULT_RETRY_POLICY, () => random)).toBe(want);
    },
  );
});

describe('retries', () => {
  it('retries a GET answered 503 and resolves with the success that follows', async () => {
    const server = await servers.start((_request, response, index) =>
      index < 2 ? sendEmpty(response, 503) : sendJson(response, 200, { ok: true }),
    );
    const client = createClientConfig({ baseUrl: server.url, retry: FAST });
    const result = await sendRequest(client, operation('GET'));
    expect(result.body).toEqual({ ok: true });
    expect(server.requests).toHaveLength(3);
  });

  it('retries a PUT answered 429, as long as Retry-After says', async () => {
    const server = await servers.start((_request, response, index) =>
      index === 0
        ? sendEmpty(response, 429, { 'retry-after': '0' })
        : sendJson(response, 200, { ok: true }),
    );
    const client = createClientConfig({ baseUrl: server.url, retry: FAST });
    await expect(sendRequest(client, operation('PUT'))).resolves.toMatchObject({ status: 200 });
    expect(server.requests).toHaveLength(2);
  });

  it('gives up with the last answer once the retries are spent', async () => {
    const server = await servers.start((_request, response) =>
      sendJson(response, 503, { description: 'down for maintenance' }),
    );
    const client = createClientConfig({ baseUrl: server.url, retry: FAST });
    await expect(sendRequest(client, operation('DELETE'))).rejects.toMatchObject({
      status: 503,
      description: 'down for maintenance',
    });
    expect(server.requests).toHaveLength(3);
  });

  it.each([['POST'], ['PATCH']])('never retries a %s answered 503', async (method) => {
    const server = await servers.start((_request, response) => sendEmpty(response, 503));
    const client = createClientConfig({ baseUrl: server.url, retry: FAST });
    await expect(sendRequest(client, operation(method))).rejects.toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry other errors, such as 500', async () => {
    const server = await servers.start((_request, response) => sendEmpty(response, 500));
    const client = createClientConfig({ baseUrl: server.url, retry: FAST });
    await expect(sendRequest(client, operation('GET'))).rejects.toMatchObject({ status: 500 });
    expect(server.requests).toHaveLength(1);
  });

  it('retries a GET whose connection was cut before an answer', async () => {
    const server = await servers.start((_request, response, index) =>
      index === 0 ? response.socket?.destroy() : sendJson(response, 200, { ok: true }),
    );
    const client = createClientConfig({ baseUrl: server.url, retry: FAST });
    await expect(sendRequest(client, operation('GET'))).resolves.toMatchObject({ status: 200 });
    expect(server.requests).toHaveLength(2);
  });

  it('never retries a POST whose connection was cut: it may have been processed', async () => {
    const server = await servers.start((_request, response) => response.socket?.destroy());
    const client = createClientConfig({ baseUrl: server.url, retry: FAST });
    await expect(sendRequest(client, operation('POST'))).rejects.toBeInstanceOf(NetworkError);
    expect(server.requests).toHaveLength(1);
  });

  it('stops when Retry-After asks for a longer wait than maxDelay', async () => {
    const server = await servers.start((_request, response) =>
      sendEmpty(response, 503, { 'retry-after': '120' }),
    );
    const client = createClientConfig({ baseUrl: server.url, retry: FAST });
    await expect(sendRequest(client, operation('GET'))).rejects.toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(1);
  });

  it('sends each request once with retry: false', async () => {
    const server = await servers.start((_request, response) => sendEmpty(response, 503));
    const client = createClientConfig({ baseUrl: server.url, retry: FAST });
    await expect(sendRequest(client, operation('GET'), {}, { retry: false })).rejects.toMatchObject(
      { status: 503 },
    );
    expect(server.requests).toHaveLength(1);
  });

  it('asks the token function again for each attempt', async () => {
    let issued = 0;
    const server = await servers.start((_request, response, index) =>
      index === 0 ? sendEmpty(response, 503) : sendJson(response, 200, {}),
    );
    const client = createClientConfig({
      baseUrl: server.url,
      retry: FAST,
      authentication: { bearer: async () => `token-${++issued}` },
    });
    await sendRequest(client, operation('GET'));
    expect(server.requests.map((request) => request.headers['authorization'])).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });

  it('stops retrying when the caller aborts during the wait', async () => {
    const controller = new AbortController();
    const server = await servers.start((_request, response) =>
      sendEmpty(response, 503, { 'retry-after': '30' }),
    );
    const client = createClientConfig({
      baseUrl: server.url,
      retry: { retries: 2, maxDelay: 60_000 },
      // Aborts once the 503 has arrived, so the abort lands in the 30 s wait.
      fetch: async (url, init) => {
        const response = await fetch(url, init);
        setImmediate(() => controller.abort('stop'));
        return response;
      },
    });
    await expect(
      sendRequest(client, operation('GET'), {}, { signal: controller.signal }),
    ).rejects.toBe('stop');
    expect(server.requests).toHaveLength(1);
  });
});
