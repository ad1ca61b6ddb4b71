import { expect } from 'vitest';

/** IDs from the example catalog (`templates/project/catalog.yaml`), the mock's default. */
export const SERVICE_ID = '0b7d4a1e-5c2f-4e83-9a16-7f3e2d8c1b54';
export const SMALL_PLAN = '4e2a9c7b-1d3f-4b6a-8e5c-9f0d2a7b3c61';
export const DEDICATED_PLAN = '8c5f1e3a-7b2d-4a9c-b6e0-3d1f9a4c2e78';

/** Where a mock broker listens and what it accepts. */
export interface BrokerEndpoint {
  url: string;
  credentials: { username: string; password: string };
}

/** An answer, its body parsed. */
export interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/** Sends an OSB request the way a platform does: Basic credentials, OSB 2.17. */
export type SendOsb = (method: string, path: string, body?: object) => Promise<Answer>;

export function createSendOsb(broker: BrokerEndpoint): SendOsb {
  const { username, password } = broker.credentials;
  const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  return async (method, path, body) => {
    const response = await fetch(`${broker.url}${path}`, {
      method,
      headers: {
        authorization,
        'x-broker-api-version': '2.17',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
      headers: response.headers,
    };
  };
}

/**
 * Polls a `last_operation` path until the answer is not `in progress` (another state, or
 * another status such as 410), within 15 s; the last answer and every state seen.
 */
export async function pollUntilDone(
  send: SendOsb,
  path: string,
): Promise<{ last: Answer; states: unknown[] }> {
  const deadline = Date.now() + 15_000;
  const states: unknown[] = [];
  for (;;) {
    const last = await send('GET', path);
    if (last.status === 200) states.push(last.body['state']);
    if (last.status !== 200 || last.body['state'] !== 'in progress') return { last, states };
    if (Date.now() > deadline) throw new Error(`${path} still in progress after 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const instancePath = (instanceId: string) => `/v2/service_instances/${instanceId}`;
const bindingPath = (instanceId: string, bindingId: string) =>
  `${instancePath(instanceId)}/service_bindings/${bindingId}`;
const ids = `service_id=${SERVICE_ID}&plan_id=${SMALL_PLAN}`;

/**
 * Drives a broker serving the example catalog through what a platform does with an instance:
 * catalog, asynchronous provision polled to success, asynchronous bind, fetch of its
 * credentials, unbind, asynchronous deprovision polled to 410 Gone.
 */
export async function driveLifecycle(send: SendOsb, instanceId: string): Promise<void> {
  const catalog = await send('GET', '/v2/catalog');
  expect(catalog.status).toBe(200);
  expect(catalog.body['services']).toMatchObject([{ id: SERVICE_ID }]);

  const instance = instancePath(instanceId);
  const provision = await send('PUT', `${instance}?accepts_incomplete=true`, {
    service_id: SERVICE_ID,
    plan_id: SMALL_PLAN,
  });
  expect(provision.status).toBe(202);
  const operation = encodeURIComponent(String(provision.body['operation']));
  const provisioned = await pollUntilDone(
    send,
    `${instance}/last_operation?operation=${operation}`,
  );
  expect(provisioned.last.body['state']).toBe('succeeded');
  expect(new Set(provisioned.states.slice(0, -1))).not.toContain('failed');

  const binding = bindingPath(instanceId, 'binding-1');
  const bind = await send('PUT', `${binding}?accepts_incomplete=true`, {
    service_id: SERVICE_ID,
    plan_id: SMALL_PLAN,
  });
  expect(bind.status).toBe(202);
  const bound = await pollUntilDone(
    send,
    `${binding}/last_operation?${ids}&operation=${encodeURIComponent(String(bind.body['operation']))}`,
  );
  expect(bound.last.body['state']).toBe('succeeded');
  const fetched = await send('GET', `${binding}?${ids}`);
  expect(fetched.status).toBe(200);
  expect(fetched.body['credentials']).toMatchObject({
    username: expect.any(String),
    password: expect.any(String),
  });

  const unbind = await send('DELETE', `${binding}?${ids}`);
  expect(unbind.status).toBe(200);
  expect((await send('GET', `${binding}?${ids}`)).status).toBe(404);

  const deprovision = await send('DELETE', `${instance}?${ids}&accepts_incomplete=true`);
  expect(deprovision.status).toBe(202);
  const gone = await pollUntilDone(
    send,
    `${instance}/last_operation?${ids}&operation=${encodeURIComponent(String(deprovision.body['operation']))}`,
  );
  expect(gone.last.status).toBe(410);
}
