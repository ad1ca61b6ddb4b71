/**
 * The mock broker's business logic: it does the work and nothing else. Every OSB rule (status
 * codes, repeated and concurrent requests, `last_operation`, catalog and parameter checks) is
 * the broker runtime's, exactly as in a generated broker; these methods only choose between
 * working at once and working in the background, and fail when told to.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type {
  BindInput,
  BindOutcome,
  BrokerServices,
  DeleteOutcome,
  InBackground,
  OperationProgress,
  ProvisionOutcome,
  UpdateOutcome,
} from '../broker/index.js';
import { createFailureDecider, injectedFailure } from './failure-injection.js';
import type { FailureRule, MockOperation } from './failure-injection.js';

/** How the mock broker's services behave. */
export interface MockServicesOptions {
  /** How long background work takes, in milliseconds. */
  asyncDelayMs: number;
  /** The operations that fail, and how often. */
  failures: readonly FailureRule[];
  /** Uniform numbers in [0, 1) for failure shares: `createSeededRandom(seed)` or Math.random. */
  random: () => number;
}

/** What each operation's background work reports while it runs, and when it is done. */
const ACTIVITY: Record<MockOperation, { running: string; done: string }> = {
  provision: { running: 'Provisioning', done: 'Provisioned' },
  update: { running: 'Updating', done: 'Updated' },
  deprovision: { running: 'Deprovisioning', done: 'Deprovisioned' },
  bind: { running: 'Binding', done: 'Bound' },
  unbind: { running: 'Unbinding', done: 'Unbound' },
};

/**
 * Services that work within the request unless the platform accepts an asynchronous answer
 * (`accepts_incomplete=true`), and then in the background for `asyncDelayMs`. A call chosen to
 * fail by `failures` throws an injected OsbError: answered 500 when synchronous, a failed
 * `last_operation` when in the background. Throws nothing itself.
 */
export function createMockServices(options: MockServicesOptions): BrokerServices {
  const shouldFail = createFailureDecider(options.failures, options.random);

  /** The call's outcome: `result` now, or `{ async }` yielding it after the delay. */
  function work<Result>(
    operation: MockOperation,
    inBackground: boolean,
    result: Result,
  ): Result | InBackground<Result> {
    const fails = shouldFail(operation);
    if (!inBackground) {
      if (fails) throw injectedFailure(operation);
      return result;
    }
    return {
      async: async (progress: OperationProgress) => {
        const { running, done } = ACTIVITY[operation];
        await progress.report(`${running} (brokergen mock).`);
        // Aborted when the broker closes or a delete halts a creation: the timer stops with it.
        await sleep(options.asyncDelayMs, undefined, { signal: progress.signal });
        if (fails) throw injectedFailure(operation);
        await progress.report(`${done} (brokergen mock).`);
        return result;
      },
    };
  }

  return {
    async provision(input): Promise<ProvisionOutcome> {
      return work('provision', input.acceptsIncomplete, {});
    },
    async update(input): Promise<UpdateOutcome> {
      return work('update', input.acceptsIncomplete, {});
    },
    async deprovision(input): Promise<DeleteOutcome> {
      return work<void>('deprovision', input.acceptsIncomplete, undefined);
    },
    async bind(input): Promise<BindOutcome> {
      // A binding made in the background hands its credentials over only through a fetch of
      // the binding, so the mock binds in the background only where the offering allows one.
      const inBackground = input.acceptsIncomplete && input.service.bindings_retrievable === true;
      return work('bind', inBackground, { credentials: createCredentials(input) });
    },
    async unbind(input): Promise<DeleteOutcome> {
      return work<void>('unbind', input.acceptsIncomplete, undefined);
    },
  };
}

/** Plausible, unusable credentials: a fresh user and password on a host that cannot exist. */
function createCredentials(input: BindInput): { [key: string]: string | number } {
  const username = `mock-${randomBytes(4).toString('hex')}`;
  const password = randomBytes(18).toString('base64url');
  // RFC 2606 reserves `.invalid`: nothing will ever answer there.
  const host = 'mock-broker.invalid';
  const port = 443;
  const path = encodeURIComponent(input.instanceId);
  return {
    uri: `mock://${username}:${password}@${host}:${port}/${path}`,
    host,
    port,
    username,
    password,
  };
}
