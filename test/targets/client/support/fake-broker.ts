/**
 * A small broker behind the generated server's routes: every operation of the curated spec,
 * with instances and bindings in maps. Plans decide the behaviour: `plan-sync` answers at once,
 * `plan-async` answers 202 and finishes after `pollsUntilDone` polls of `last_operation`,
 * `plan-fails` does the same but ends `failed`, `plan-slow` never finishes.
 */

export const SERVICE_ID = 'service-1';
export const SYNC_PLAN = 'plan-sync';
export const ASYNC_PLAN = 'plan-async';
export const FAILING_PLAN = 'plan-fails';
export const SLOW_PLAN = 'plan-slow';

const ASYNC_PLANS = new Set([ASYNC_PLAN, FAILING_PLAN, SLOW_PLAN]);

/** What a generated handler receives (the fields the fake reads). */
export interface HandlerRequest {
  params: Record<string, string>;
  query: Record<string, unknown>;
  headers: Record<string, string | undefined>;
  body: Record<string, unknown>;
}

export interface HandlerReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Resource {
  service_id: string;
  plan_id: string;
  parameters?: unknown;
  enabled: boolean;
}

interface Operation {
  id: string;
  kind: 'create' | 'update' | 'delete';
  plan_id: string;
  pollsLeft: number;
}

export type Handler = (request: HandlerRequest) => Promise<HandlerReply>;

const RETRY_NOW = { 'retry-after': '0' };

export class FakeBroker {
  readonly instances = new Map<string, Resource>();
  readonly bindings = new Map<string, Resource>();
  readonly operations = new Map<string, Operation>();
  /** Every request, by operationId, with the query and headers it came with. */
  readonly received: Array<{ operationId: string; request: HandlerRequest }> = [];
  pollsUntilDone = 2;
  /** How many more requests of an operation answer 503 Service Unavailable. */
  readonly unavailable = new Map<string, number>();
  /** Requests the broker holds without answering until `release`. */
  readonly #held: Array<() => void> = [];
  #counter = 0;

  /** Answers held requests (with 404), so that servers can close. */
  release(): void {
    for (const resolve of this.#held.splice(0)) resolve();
  }

  handlers(): Record<string, Handler> {
    const handlers: Record<string, Handler> = {
      getCatalog: async () => this.#getCatalog(),
      provisionServiceInstance: async (r) =>
        this.#create(this.instances, r.params['instance_id'] ?? '', r),
      fetchServiceInstance: async (r) => this.#fetch(this.instances, r.params['instance_id'] ?? ''),
      updateServiceInstance: async (r) => this.#update(r),
      deprovisionServiceInstance: async (r) =>
        this.#delete(this.instances, r.params['instance_id'] ?? '', r),
      pollServiceInstanceLastOperation: async (r) =>
        this.#poll(this.instances, r.params['instance_id'] ?? '', r),
      createServiceBinding: async (r) => this.#bind(r),
      fetchServiceBinding: async (r) => this.#fetch(this.bindings, bindingKey(r)),
      deleteServiceBinding: async (r) => this.#delete(this.bindings, bindingKey(r), r),
      pollServiceBindingLastOperation: async (r) => this.#poll(this.bindings, bindingKey(r), r),
      getServiceInstanceState: async (r) => this.#getState(r.params['instance_id'] ?? ''),
      updateServiceInstanceState: async (r) => this.#setState(r),
    };
    return Object.fromEntries(
      Object.entries(handlers).map(([operationId, handler]) => [
        operationId,
        async (request: HandlerRequest) => {
          this.received.push({ operationId, request });
          const refusals = this.unavailable.get(operationId) ?? 0;
          if (refusals > 0) {
            this.unavailable.set(operationId, refusals - 1);
            return { status: 503, body: { description: 'Starting up.' }, headers: RETRY_NOW };
          }
          return handler(request);
        },
      ]),
    );
  }

  /** Holds the answer to `fetchServiceInstance` of this ID until `release`. */
  holdFetchOf(instanceId: string): void {
    this.instances.set(instanceId, { service_id: SERVICE_ID, plan_id: 'hold', enabled: true });
  }

  #getCatalog(): HandlerReply {
    const plans = [SYNC_PLAN, ASYNC_PLAN, FAILING_PLAN, SLOW_PLAN].map((id) => ({
      id,
      name: id,
      description: `The ${id} plan.`,
    }));
    return {
      status: 200,
      body: {
        services: [{ id: SERVICE_ID, name: 'fake', description: 'A fake.', bindable: true, plans }],
      },
    };
  }

  #create(store: Map<string, Resource>, key: string, request: HandlerRequest): HandlerReply {
    const { service_id, plan_id } = request.body as { service_id: string; plan_id: string };
    const existing = store.get(key);
    if (existing !== undefined) {
      if (existing.service_id !== service_id || existing.plan_id !== plan_id) {
        return { status: 409, body: { description: `${key} exists with other attributes.` } };
      }
      const running = this.operations.get(key);
      return running === undefined
        ? { status: 200, body: {} }
        : { status: 202, body: { operation: running.id } };
    }
    store.set(key, { service_id, plan_id, parameters: request.body['parameters'], enabled: true });
    if (!ASYNC_PLANS.has(plan_id)) {
      const binding = store === this.bindings;
      return {
        status: 201,
        body: binding
          ? { credentials: credentialsOf(key) }
          : { dashboard_url: `https://dash/${key}` },
      };
    }
    if (request.query['accepts_incomplete'] !== true) {
      store.delete(key);
      return asyncRequired();
    }
    return { status: 202, body: { operation: this.#start(key, 'create', plan_id).id } };
  }

  #bind(request: HandlerRequest): HandlerReply {
    if (!this.instances.has(request.params['instance_id'] ?? '')) {
      return { status: 400, body: { description: 'No such instance.' } };
    }
    return this.#create(this.bindings, bindingKey(request), request);
  }

  #fetch(store: Map<string, Resource>, key: string): Promise<HandlerReply> | HandlerReply {
    const resource = store.get(key);
    if (resource === undefined) return { status: 404, body: { description: `No ${key}.` } };
    if (resource.plan_id === 'hold') {
      return new Promise((resolve) =>
        this.#held.push(() => resolve({ status: 404, body: { description: 'Released.' } })),
      );
    }
    if (store === this.bindings) return { status: 200, body: { credentials: credentialsOf(key) } };
    const { service_id, plan_id, parameters } = resource;
    return { status: 200, body: { service_id, plan_id, ...(parameters ? { parameters } : {}) } };
  }

  #update(request: HandlerRequest): HandlerReply {
    const key = request.params['instance_id'] ?? '';
    const instance = this.instances.get(key);
    if (instance === undefined) return { status: 400, body: { description: `No ${key}.` } };
    if (this.operations.has(key)) {
      return { status: 422, body: { error: 'ConcurrencyError', description: 'Busy.' } };
    }
    const plan_id = (request.body['plan_id'] as string | undefined) ?? instance.plan_id;
    if (ASYNC_PLANS.has(plan_id)) {
      if (request.query['accepts_incomplete'] !== true) return asyncRequired();
      return { status: 202, body: { operation: this.#start(key, 'update', plan_id).id } };
    }
    instance.plan_id = plan_id;
    return { status: 200, body: {} };
  }

  #delete(store: Map<string, Resource>, key: string, request: HandlerRequest): HandlerReply {
    const resource = store.get(key);
    if (resource === undefined) return { status: 410, body: {} };
    if (!ASYNC_PLANS.has(resource.plan_id)) {
      store.delete(key);
      return { status: 200, body: {} };
    }
    if (request.query['accepts_incomplete'] !== true) return asyncRequired();
    return { status: 202, body: { operation: this.#start(key, 'delete', resource.plan_id).id } };
  }

  #poll(store: Map<string, Resource>, key: string, request: HandlerRequest): HandlerReply {
    const operation = this.operations.get(key);
    if (operation === undefined) {
      return store.has(key)
        ? { status: 200, body: { state: 'succeeded' } }
        : { status: 410, body: {} };
    }
    if (request.query['operation'] !== operation.id) {
      return {
        status: 400,
        body: { description: `Unknown operation ${String(request.query['operation'])}.` },
      };
    }
    if (operation.plan_id === SLOW_PLAN || operation.pollsLeft > 0) {
      operation.pollsLeft -= 1;
      return { status: 200, body: { state: 'in progress' }, headers: RETRY_NOW };
    }
    this.operations.delete(key);
    if (operation.plan_id === FAILING_PLAN) {
      if (operation.kind === 'create') store.delete(key);
      return {
        status: 200,
        body: {
          state: 'failed',
          description: 'The fake ran out of quota.',
          instance_usable: false,
        },
      };
    }
    if (operation.kind === 'delete') {
      store.delete(key);
      // A deleted resource is gone: OSB lets the broker answer 410 to the next poll.
      return { status: 410, body: {} };
    }
    if (operation.kind === 'update') {
      const resource = store.get(key);
      if (resource !== undefined) resource.plan_id = SYNC_PLAN;
    }
    return { status: 200, body: { state: 'succeeded', description: 'Done.' } };
  }

  #getState(key: string): HandlerReply {
    const instance = this.instances.get(key);
    if (instance === undefined) return { status: 404, body: { description: `No ${key}.` } };
    return { status: 200, body: { enabled: instance.enabled, active: instance.enabled } };
  }

  #setState(request: HandlerRequest): HandlerReply {
    const key = request.params['instance_id'] ?? '';
    const instance = this.instances.get(key);
    if (instance === undefined) return { status: 404, body: { description: `No ${key}.` } };
    instance.enabled = request.body['enabled'] === true;
    return { status: 200, body: { enabled: instance.enabled } };
  }

  #start(key: string, kind: Operation['kind'], plan_id: string): Operation {
    this.#counter += 1;
    const operation = {
      id: `${kind}-${this.#counter}`,
      kind,
      plan_id,
      pollsLeft: this.pollsUntilDone,
    };
    this.operations.set(key, operation);
    return operation;
  }
}

function bindingKey(request: HandlerRequest): string {
  return `${request.params['instance_id'] ?? ''} ${request.params['binding_id'] ?? ''}`;
}

function credentialsOf(key: string): Record<string, string> {
  return { uri: `fake://${encodeURIComponent(key)}`, username: 'user' };
}

function asyncRequired(): HandlerReply {
  return {
    status: 422,
    body: { error: 'AsyncRequired', description: 'This plan requires accepts_incomplete=true.' },
  };
}
