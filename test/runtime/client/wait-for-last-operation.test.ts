import { afterEach, describe, expect, it } from 'vitest';
import {
  ApiError,
  createClientConfig,
  InvalidResponseError,
  LastOperationFailedError,
  PollingTimeoutError,
  sendRequest,
  waitForLastOperation,
} from '../../../src/runtime/client/index.js';
import type { OperationDescriptor, WaitOptions } from '../../../src/runtime/client/index.js';
import type { Answer } from './support/test-server.js';
import { sendJson, TestServers } from './support/test-server.js';

const servers = new TestServers();
afterEach(() => servers.closeAll());

const POLL: OperationDescriptor = {
  method: 'GET',
  path: '/v2/service_instances/{instance_id}/last_operation',
  responses: { '200': 'json' },
};

/** Polls a server answering with `answer`, as a generated wait helper does. */
async function waitOn(answer: Answer, options: WaitOptions & { goneMeansDone?: boolean } = {}) {
  const server = await servers.start(answer);
  const client = createClientConfig({ baseUrl: server.url, retry: false });
  const outcome = waitForLastOperation(
    (signal) => sendRequest(client, POLL, { path: { instance_id: 'i' } }, { signal }),
    { goneMeansDone: false, ...options },
  );
  return { server, outcome };
}

/** `in progress` for the first `n` polls, then `final`; Retry-After 0 throughout. */
function finishesAfter(n: number, final: object): Answer {
  return (_request, response, index) =>
    sendJson(response, 200, index < n ? { state: 'in progress' } : final, { 'retry-after': '0' });
}

describe('waitForLastOperation', () => {
  it('polls until the state is succeeded, waiting only as long as Retry-After says', async () => {
    const seen: string[] = [];
    const { server, outcome } = await waitOn(
      finishesAfter(3, { state: 'succeeded', description: 'done' }),
      {
        // Without Retry-After honoured, the first wait alone would outlast this test's timeout.
        interval: 600_000,
        onPoll: (lastOperation) => seen.push(lastOperation.state),
      },
    );
    await expect(outcome).resolves.toEqual({
      outcome: 'succeeded',
      lastOperation: { state: 'succeeded', description: 'done' },
      polls: 4,
    });
    expect(seen).toEqual(['in progress', 'in progress', 'in progress', 'succeeded']);
    expect(server.requests).toHaveLength(4);
  }, 10_000);

  it('polls at the interval when the broker sends no Retry-After', async () => {
    const { server, outcome } = await waitOn(
      (_request, response, index) =>
        sendJson(response, 200, { state: index < 2 ? 'in progress' : 'succeeded' }),
      { interval: 1 },
    );
    await expect(outcome).resolves.toMatchObject({ outcome: 'succeeded', polls: 3 });
    expect(server.requests).toHaveLength(3);
  });

  it('rejects with LastOperationFailedError carrying what the broker said', async () => {
    const failed = {
      state: 'failed',
      description: 'Quota exceeded.',
      instance_usable: true,
      update_repeatable: false,
    };
    const { outcome } = await waitOn(finishesAfter(1, failed));
    const error = await outcome.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LastOperationFailedError);
    expect(error).toMatchObject({
      code: 'CLIENT_OPERATION_FAILED',
      description: 'Quota exceeded.',
      instance_usable: true,
      update_repeatable: false,
      lastOperation: failed,
    });
  });

  it('counts a 410 Gone as success after a delete', async () => {
    const { outcome } = await waitOn(
      (_request, response, index) =>
        index < 1
          ? sendJson(response, 200, { state: 'in progress' }, { 'retry-after': '0' })
          : sendJson(response, 410, {}),
      { goneMeansDone: true },
    );
    await expect(outcome).resolves.toEqual({ outcome: 'gone', lastOperation: undefined, polls: 2 });
  });

  it('rejects a 410 Gone with ApiError when the operation is not a delete', async () => {
    const { outcome } = await waitOn((_request, response) => sendJson(response, 410, {}));
    await expect(outcome).rejects.toBeInstanceOf(ApiError);
  });

  it('rejects with PollingTimeoutError once maxDuration has run out', async () => {
    const { outcome } = await waitOn(
      (_request, response) => sendJson(response, 200, { state: 'in progress' }),
      { interval: 5, maxDuration: 40 },
    );
    const error = await outcome.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PollingTimeoutError);
    expect(error).toMatchObject({
      code: 'CLIENT_POLLING_TIMEOUT',
      maxDuration: 40,
      lastOperation: { state: 'in progress' },
    });
  });

  it('waits no longer than maxDuration allows, even when Retry-After asks for more', async () => {
    const { server, outcome } = await waitOn(
      (_request, response) =>
        sendJson(response, 200, { state: 'in progress' }, { 'retry-after': '3600' }),
      { maxDuration: 50 },
    );
    await expect(outcome).rejects.toBeInstanceOf(PollingTimeoutError);
    // One poll at once, one when the time is up.
    expect(server.requests).toHaveLength(2);
  });

  it("rejects with the signal's reason when aborted while waiting", async () => {
    const controller = new AbortController();
    const { server, outcome } = await waitOn(
      (_request, response) =>
        sendJson(response, 200, { state: 'in progress' }, { 'retry-after': '3600' }),
      { signal: controller.signal, onPoll: () => controller.abort('stop') },
    );
    await expect(outcome).rejects.toBe('stop');
    expect(server.requests).toHaveLength(1);
  });

  it('rejects a state OSB does not define with InvalidResponseError', async () => {
    const { outcome } = await waitOn((_request, response) =>
      sendJson(response, 200, { state: 'pending' }),
    );
    await expect(outcome).rejects.toBeInstanceOf(InvalidResponseError);
  });
});
