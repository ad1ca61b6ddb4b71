import type { BrokerCatalog, BrokerServices } from '../../../../src/runtime/broker/index.js';

/**
 * A request to a running broker: it sends Basic credentials, `X-Broker-API-Version: version`
 * (default 2.17) and, with a body, a JSON content type, unless `without` names them.
 */
export type BrokerRequestInit = RequestInit & { version?: string; without?: string[] };

/** What the fixtures need of a running broker. */
export interface RunningBrokerLike {
  fetch(path: string, init?: BrokerRequestInit): Promise<Response>;
}

/** The credentials the test brokers accept, and a platform sends. */
export const CREDENTIALS = { username: 'platform', password: 'secret' };
const AUTHORIZATION = `Basic ${Buffer.from('platform:secret').toString('base64')}`;

/** `fetch` of the broker at `url`, sending what a platform sends (see BrokerRequestInit). */
export function createBrokerFetch(url: string): RunningBrokerLike['fetch'] {
  return (path, init = {}) => {
    const { version = '2.17', headers, without = [], ...rest } = init;
    const sent: Record<string, string> = {
      authorization: AUTHORIZATION,
      'x-broker-api-version': version,
      ...(rest.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(headers as Record<string, string> | undefined),
    };
    for (const name of without) delete sent[name];
    return fetch(`${url}${path}`, { ...rest, headers: sent });
  };
}

export const DB = 'svc-db';
/** Rotatable, with parameter schemas and maintenance_info 1.2.0; plan_updateable from DB. */
export const SMALL = 'plan-small';
/** plan_updateable false, overriding DB's true. */
export const LARGE = 'plan-large';
/** bindable false, overriding DB's true. */
export const UNBINDABLE = 'plan-unbindable';
export const PLAIN = 'svc-plain';
export const PLAIN_A = 'plan-plain-a';
export const PLAIN_B = 'plan-plain-b';
/** bindable true, overriding PLAIN's false; PLAIN has no bindings_retrievable. */
export const PLAIN_BINDABLE = 'plan-plain-bindable';
/** maximum_polling_duration 1: its asynchronous operations may run for a second. */
export const PLAIN_BRIEF = 'plan-plain-brief';

const DRAFT_04 = 'http://json-schema.org/draft-04/schema#';

/** DB: every feature on. PLAIN: every feature off. */
export const CATALOG: BrokerCatalog = {
  services: [
    {
      id: DB,
      name: 'db',
      description: 'A database.',
      bindable: true,
      instances_retrievable: true,
      bindings_retrievable: true,
      allow_context_updates: true,
      plan_updateable: true,
      requires: ['syslog_drain'],
      plans: [
        {
          id: SMALL,
          name: 'small',
          description: 'Small.',
          binding_rotatable: true,
          maintenance_info: { version: '1.2.0', description: 'OS image 1.2' },
          schemas: {
            service_instance: {
              create: {
                parameters: {
                  $schema: DRAFT_04,
                  type: 'object',
                  properties: { size: { type: 'integer', minimum: 1 } },
                },
              },
              update: {
                parameters: {
                  $schema: DRAFT_04,
                  type: 'object',
                  properties: { size: { type: 'integer', minimum: 1 } },
                },
              },
            },
            service_binding: {
              create: {
                parameters: {
                  $schema: DRAFT_04,
                  type: 'object',
                  properties: { role: { type: 'string', enum: ['reader', 'writer'] } },
                },
              },
            },
          },
        },
        { id: LARGE, name: 'large', description: 'Large.', plan_updateable: false },
        { id: UNBINDABLE, name: 'unbindable', description: 'No bindings.', bindable: false },
      ],
    },
    {
      id: PLAIN,
      name: 'plain',
      description: 'A plain service.',
      bindable: false,
      plans: [
        { id: PLAIN_A, name: 'a', description: 'A.' },
        { id: PLAIN_B, name: 'b', description: 'B.' },
        { id: PLAIN_BINDABLE, name: 'bindable', description: 'Bindable.', bindable: true },
        { id: PLAIN_BRIEF, name: 'brief', description: 'Brief.', maximum_polling_duration: 1 },
      ],
    },
  ],
};

/** A service method's name. */
export type ServiceName = keyof BrokerServices;

/** Services that answer synchronously unless overridden, counting every call. */
export function createServices(
  overrides: Partial<BrokerServices> = {},
): BrokerServices & { calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const defaults: BrokerServices = {
    async provision(input) {
      return { dashboardUrl: `https://dashboard.example/${input.instanceId}` };
    },
    async update() {
      return {};
    },
    async deprovision() {},
    async bind(input) {
      return { credentials: { user: input.bindingId, password: 'secret' } };
    },
    async unbind() {},
  };
  const services = { ...defaults, ...overrides } as Record<string, unknown>;
  const counted: Record<string, unknown> = { calls };
  for (const [name, method] of Object.entries(services)) {
    if (typeof method !== 'function') continue;
    counted[name] = (...args: unknown[]) => {
      calls[name] = (calls[name] ?? 0) + 1;
      return (method as (...a: unknown[]) => unknown)(...args);
    };
  }
  return counted as unknown as BrokerServices & { calls: Record<string, number> };
}

/** A promise the test opens; `wait` rejects when the signal aborts first. */
export interface Gate {
  open(): void;
  wait(signal?: AbortSignal): Promise<void>;
}

export function createGate(): Gate {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    open: () => open(),
    wait(signal) {
      if (!signal) return opened;
      return new Promise<void>((resolve, reject) => {
        if (signal.aborted) reject(new Error('aborted'));
        signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
        void opened.then(resolve);
      });
    },
  };
}

/** A provision body for DB / SMALL with a Cloud Foundry context. */
export function provisionBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    service_id: DB,
    plan_id: SMALL,
    context: { platform: 'cloudfoundry', organization_guid: 'org-1', space_guid: 'space-1' },
    organization_guid: 'org-1',
    space_guid: 'space-1',
    ...overrides,
  };
}

/** A bind body for DB / SMALL. */
export function bindBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { service_id: DB, plan_id: SMALL, bind_resource: { app_guid: 'app-1' }, ...overrides };
}

/** Reads a JSON body. */
export async function json(response: Response): Promise<Record<string, unknown>> {
  const text = await response.text();
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/**
 * GETs `path` until `done(status, body)` holds, at most until the deadline; returns the last
 * answer. Polls (never a fixed sleep), as a platform would.
 */
export async function pollUntil(
  broker: RunningBrokerLike,
  path: string,
  done: (status: number, body: Record<string, unknown>) => boolean,
  timeoutMs = 5000,
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await broker.fetch(path);
    const body = await json(response);
    if (done(response.status, body) || Date.now() > deadline) {
      return { status: response.status, body, headers: response.headers };
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits until `check` holds, at most until the deadline. */
export async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met before the deadline');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Request options a platform varies. */
export interface CallOptions {
  async?: boolean;
  version?: string;
  headers?: Record<string, string>;
}

function query(fields: Record<string, string | boolean | undefined>): string {
  const entries = Object.entries(fields).filter(([, value]) => value !== undefined);
  return entries.length === 0
    ? ''
    : `?${new URLSearchParams(entries.map(([key, value]): [string, string] => [key, String(value)])).toString()}`;
}

/** The OSB calls a platform makes, over HTTP. */
export function createPlatform(broker: RunningBrokerLike) {
  const send = (method: string, path: string, options: CallOptions, body?: unknown) =>
    broker.fetch(path, {
      method,
      ...(options.version === undefined ? {} : { version: options.version }),
      ...(options.headers === undefined ? {} : { headers: options.headers }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const instance = (id: string) => `/v2/service_instances/${encodeURIComponent(id)}`;
  const binding = (id: string, bindingId: string) =>
    `${instance(id)}/service_bindings/${encodeURIComponent(bindingId)}`;
  return {
    provision: (id: string, body = provisionBody(), options: CallOptions = {}) =>
      send('PUT', `${instance(id)}${query({ accepts_incomplete: options.async })}`, options, body),
    update: (id: string, body: Record<string, unknown>, options: CallOptions = {}) =>
      send('PATCH', `${instance(id)}${query({ accepts_incomplete: options.async })}`, options, {
        service_id: DB,
        ...body,
      }),
    deprovision: (
      id: string,
      options: CallOptions & { serviceId?: string; planId?: string } = {},
    ) =>
      send(
        'DELETE',
        `${instance(id)}${query({
          service_id: options.serviceId ?? DB,
          plan_id: options.planId ?? SMALL,
          accepts_incomplete: options.async,
        })}`,
        options,
      ),
    fetchInstance: (id: string, options: CallOptions = {}) => send('GET', instance(id), options),
    lastOperation: (
      id: string,
      operation?: string,
      options: CallOptions & { planId?: string } = {},
    ) =>
      send(
        'GET',
        `${instance(id)}/last_operation${query({ operation, plan_id: options.planId })}`,
        options,
      ),
    bind: (id: string, bindingId: string, body = bindBody(), options: CallOptions = {}) =>
      send(
        'PUT',
        `${binding(id, bindingId)}${query({ accepts_incomplete: options.async })}`,
        options,
        body,
      ),
    unbind: (
      id: string,
      bindingId: string,
      options: CallOptions & { serviceId?: string; planId?: string } = {},
    ) =>
      send(
        'DELETE',
        `${binding(id, bindingId)}${query({
          service_id: options.serviceId ?? DB,
          plan_id: options.planId ?? SMALL,
          accepts_incomplete: options.async,
        })}`,
        options,
      ),
    fetchBinding: (id: string, bindingId: string, options: CallOptions = {}) =>
      send('GET', binding(id, bindingId), options),
    bindingLastOperation: (
      id: string,
      bindingId: string,
      operation?: string,
      options: CallOptions = {},
    ) => send('GET', `${binding(id, bindingId)}/last_operation${query({ operation })}`, options),
    instancePath: (id: string) => instance(id),
    bindingPath: (id: string, bindingId: string) => binding(id, bindingId),
  };
}
