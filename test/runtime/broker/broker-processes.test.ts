import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { INTERRUPTED_DESCRIPTION } from '../../../src/runtime/broker/index.js';
import { createBrokerProcesses } from './support/broker-processes.js';
import type { BrokerProcess } from './support/broker-processes.js';
import { generateBroker } from './support/generated-broker.js';
import type { GeneratedBroker } from './support/generated-broker.js';
import {
  bindBody,
  createPlatform,
  json,
  LARGE,
  pollUntil,
  provisionBody,
} from './support/fixtures.js';
import { createSharedStores } from './support/shared-stores.js';
import type { SharedStoreKind, SharedStoreLocation } from './support/shared-stores.js';

/**
 * Brokers as separate processes (the generated routes, createBrokerHandlers and a durable
 * store) that are killed with SIGKILL mid-operation, restarted, and run side by side on one
 * store, over HTTP ("Polling Last Operation", "Blocking Operations", "Orphan Mitigation").
 */
let generated: GeneratedBroker;
const processes = createBrokerProcesses(() => join(generated.project.dir, 'dist'));
beforeAll(async () => {
  generated = await generateBroker();
  await processes.setUp();
}, 120_000);
afterAll(async () => {
  await processes.tearDown();
  await generated.project.remove();
});

const gated = (overrides: Record<string, unknown> = {}) =>
  provisionBody({ parameters: { mode: 'gated' }, ...overrides });
const operationPath = (instanceId: string, operation: string) =>
  `/v2/service_instances/${instanceId}/last_operation?operation=${operation}`;
const finished = (status: number, body: Record<string, unknown>) =>
  status !== 200 || body.state !== 'in progress';

/** What a platform saw, without the headers. */
async function answer(response: Promise<Response>) {
  const received = await response;
  return { status: received.status, body: await json(received) };
}

/** The checkpoint a process says it resumed `operation` with. */
async function resumedCheckpoint(broker: BrokerProcess, operation: string): Promise<unknown> {
  const prefix = `resumed ${operation} `;
  const line = await broker.child.waitFor((candidate) => candidate.startsWith(prefix), 5_000);
  return JSON.parse(line.slice(prefix.length));
}

const KINDS: SharedStoreKind[] = ['embedded', 'PostgreSQL'];

for (const kind of KINDS) {
  const stores = createSharedStores(kind);
  if (stores.availability.state === 'skip') console.warn(stores.availability.reason);

  describe.skipIf(stores.availability.state === 'skip')(`with the ${kind} store`, () => {
    beforeAll(() => stores.setUp(), 120_000);
    afterEach(async () => {
      await processes.killAll();
      await stores.disposeAll();
    });
    afterAll(() => stores.tearDown());

    /** Two processes on one fresh store, holding operations for `leaseSeconds`. */
    async function startPair(location: SharedStoreLocation, leaseSeconds = 30) {
      const options = { store: location.task, leaseSeconds, resume: true };
      return Promise.all([
        processes.start({ ...options, name: 'a' }),
        processes.start({ ...options, name: 'b' }),
      ]);
    }

    describe('a broker process killed during an asynchronous provision', () => {
      /** Provisions `kept` with a binding, starts provisioning i-1, and kills the process. */
      async function killDuringProvision(location: SharedStoreLocation) {
        const first = await processes.start({
          store: location.task,
          name: 'first',
          leaseSeconds: 1,
          resume: false,
        });
        const platform = createPlatform(first);
        expect((await platform.provision('kept')).status).toBe(201);
        expect((await platform.bind('kept', 'b-1')).status).toBe(201);
        const accepted = await answer(platform.provision('i-1', gated(), { async: true }));
        expect(accepted).toEqual({
          status: 202,
          body: { dashboard_url: 'https://dashboard.example/i-1', operation: 'provision-i-1' },
        });
        await first.child.waitFor((line) => line === 'checkpointed i-1', 15_000);
        await first.child.kill();
        return first;
      }

      /** Checks that the instance kept before the kill, its binding and one operation remain. */
      async function expectNothingLostOrDuplicated(
        location: SharedStoreLocation,
        broker: BrokerProcess,
        state: string,
      ) {
        const platform = createPlatform(broker);
        expect(await answer(platform.fetchBinding('kept', 'b-1'))).toEqual({
          status: 200,
          body: { credentials: { user: 'b-1', password: 'secret' } },
        });
        expect(await location.count('instances')).toBe(2);
        expect(await location.count('bindings')).toBe(1);
        expect(await location.operations()).toEqual([
          { instance_id: 'i-1', operation_id: 'provision-i-1', type: 'provision', state },
        ]);
      }

      it('rule 18: a restarted broker resumes the provision through services.resume, and it succeeds', async () => {
        const location = await stores.create();
        const first = await killDuringProvision(location);
        const second = await processes.start({
          store: location.task,
          name: 'second',
          leaseSeconds: 1,
          resume: true,
        });
        const done = await pollUntil(
          second,
          operationPath('i-1', 'provision-i-1'),
          finished,
          20_000,
        );
        expect(done.body).toEqual({ state: 'succeeded' });
        expect(await resumedCheckpoint(second, 'provision-i-1')).toEqual({
          step: 'started',
          by: 'first',
        });
        const platform = createPlatform(second);
        expect(await answer(platform.fetchInstance('i-1'))).toMatchObject({
          status: 200,
          body: { plan_id: 'plan-small', metadata: { labels: { resumed_by: 'second' } } },
        });
        // An identical provision now finds it complete: no second instance, no second call.
        expect((await platform.provision('i-1', gated(), { async: true })).status).toBe(200);
        const provisions = [...first.child.lines, ...second.child.lines].filter(
          (line) => line === 'provision i-1',
        );
        expect(provisions).toHaveLength(1);
        await expectNothingLostOrDuplicated(location, second, 'succeeded');
      });

      it('rule 18: a restarted broker without services.resume reports the provision failed, interrupted by a broker restart', async () => {
        const location = await stores.create();
        await killDuringProvision(location);
        const second = await processes.start({
          store: location.task,
          name: 'second',
          leaseSeconds: 1,
          resume: false,
        });
        const done = await pollUntil(
          second,
          operationPath('i-1', 'provision-i-1'),
          finished,
          20_000,
        );
        expect(done.body).toEqual({ state: 'failed', description: INTERRUPTED_DESCRIPTION });
        await expectNothingLostOrDuplicated(location, second, 'failed');
        // The failed instance is left for the platform's orphan mitigation.
        expect(await answer(createPlatform(second).deprovision('i-1'))).toEqual({
          status: 200,
          body: {},
        });
      });
    });

    // Brokers share an embedded store only on one host, where the store tests show two
    // processes serialising on it; replicas share PostgreSQL, so the pair runs there.
    if (kind !== 'PostgreSQL') return;

    describe('two broker processes sharing the store', () => {
      /** A platform's calls, each recorded as status and body; polls are recorded at their end. */
      function lifecycle(): ((broker: BrokerProcess) => Promise<unknown>)[] {
        const poll = (instanceId: string, operation: string) => async (broker: BrokerProcess) => {
          const done = await pollUntil(broker, operationPath(instanceId, operation), finished);
          return { status: done.status, body: done.body };
        };
        const call =
          (send: (platform: ReturnType<typeof createPlatform>) => Promise<Response>) =>
          (broker: BrokerProcess) =>
            answer(send(createPlatform(broker)));
        return [
          call((p) => p.provision('i-1')),
          call((p) => p.provision('i-1')),
          call((p) => p.provision('i-1', provisionBody({ parameters: { size: 2 } }))),
          call((p) => p.fetchInstance('i-1')),
          call((p) => p.update('i-1', { parameters: { size: 3 } })),
          call((p) => p.update('i-1', { plan_id: LARGE })),
          call((p) => p.fetchInstance('i-1')),
          call((p) => p.bind('i-1', 'b-1', bindBody({ plan_id: LARGE }))),
          call((p) => p.bind('i-1', 'b-1', bindBody({ plan_id: LARGE }))),
          call((p) => p.bind('i-1', 'b-1', bindBody({ plan_id: LARGE, parameters: { n: 1 } }))),
          call((p) => p.fetchBinding('i-1', 'b-1')),
          call((p) =>
            p.provision('i-2', provisionBody({ parameters: { mode: 'quick' } }), { async: true }),
          ),
          poll('i-2', 'provision-i-2'),
          call((p) => p.update('i-2', { parameters: { mode: 'quick', size: 2 } }, { async: true })),
          poll('i-2', 'update-i-2'),
          call((p) => p.fetchInstance('i-2')),
          call((p) => p.unbind('i-1', 'b-1', { planId: LARGE })),
          call((p) => p.unbind('i-1', 'b-1', { planId: LARGE })),
          call((p) => p.deprovision('i-1', { planId: LARGE })),
          call((p) => p.deprovision('i-1', { planId: LARGE })),
          call((p) => p.lastOperation('i-1')),
          call((p) => p.deprovision('i-2', { async: true })),
          poll('i-2', 'deprovision-i-2'),
        ];
      }

      it('answer a scripted lifecycle, each call going to the other, as one process answers it', async () => {
        const alone = await processes.start({
          store: (await stores.create()).task,
          name: 'alone',
          leaseSeconds: 30,
          resume: true,
        });
        const pair = await startPair(await stores.create());
        const single: unknown[] = [];
        const shared: unknown[] = [];
        for (const [index, step] of lifecycle().entries()) {
          single.push(await step(alone));
          shared.push(await step(pair[index % 2] as BrokerProcess));
        }
        expect(shared).toEqual(single);
        expect(single.slice(0, 3)).toMatchObject([
          { status: 201 },
          { status: 200 },
          { status: 409 },
        ]);
        expect(single.at(-1)).toMatchObject({ status: 410 });
      });

      it('100 concurrent identical asynchronous provisions spread over both accept one operation and call the service once', async () => {
        const location = await stores.create();
        const pair = await startPair(location);
        const answers = await Promise.all(
          Array.from({ length: 100 }, (_, index) =>
            answer(
              createPlatform(pair[index % 2] as BrokerProcess).provision('i-1', gated(), {
                async: true,
              }),
            ),
          ),
        );
        expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(
          new Set([
            JSON.stringify({
              status: 202,
              body: { dashboard_url: 'https://dashboard.example/i-1', operation: 'provision-i-1' },
            }),
          ]),
        );
        const calls = pair
          .flatMap((broker) => broker.child.lines)
          .filter((l) => l === 'provision i-1');
        expect(calls).toHaveLength(1);
        expect(await location.count('instances')).toBe(1);
        expect(await location.count('operations')).toBe(1);
      });

      it('100 concurrent identical synchronous provisions spread over both answer one 201 and 99 200s', async () => {
        const location = await stores.create();
        const pair = await startPair(location);
        const statuses = await Promise.all(
          Array.from(
            { length: 100 },
            async (_, index) =>
              (await createPlatform(pair[index % 2] as BrokerProcess).provision('i-1')).status,
          ),
        );
        expect(statuses.filter((status) => status === 201)).toHaveLength(1);
        expect(statuses.filter((status) => status === 200)).toHaveLength(99);
        expect(await location.count('instances')).toBe(1);
      });

      it('100 concurrent different provisions for one ID spread over both give one 201/202 and otherwise 409 or 422, never 500', async () => {
        const location = await stores.create();
        const pair = await startPair(location);
        const statuses = await Promise.all(
          Array.from({ length: 100 }, async (_, index) => {
            const body =
              index % 3 === 0
                ? gated({ plan_id: LARGE, parameters: { mode: 'gated', n: index } })
                : gated({ parameters: { mode: 'gated', size: index + 1 } });
            const platform = createPlatform(pair[index % 2] as BrokerProcess);
            return (await platform.provision('i-1', body, { async: index % 2 === 0 })).status;
          }),
        );
        expect(statuses.filter((status) => status === 201 || status === 202)).toHaveLength(1);
        expect(statuses.every((status) => [201, 202, 409, 422].includes(status))).toBe(true);
        expect(await location.count('instances')).toBe(1);
      });

      it('rule 18: an asynchronous provision accepted by one process is polled to its end on the other', async () => {
        const [a, b] = (await startPair(await stores.create())) as [BrokerProcess, BrokerProcess];
        await createPlatform(a).provision('i-1', gated(), { async: true });
        await a.child.waitFor((line) => line === 'checkpointed i-1', 15_000);
        expect(await answer(b.fetch(operationPath('i-1', 'provision-i-1')))).toEqual({
          status: 200,
          body: { state: 'in progress' },
        });
        a.child.send('open i-1');
        const done = await pollUntil(b, operationPath('i-1', 'provision-i-1'), finished);
        expect(done.body).toEqual({ state: 'succeeded' });
        expect(await answer(createPlatform(b).fetchInstance('i-1'))).toMatchObject({
          body: { metadata: { labels: { finished_by: 'a' } } },
        });
      });

      it('rule 18: the operation of a killed process is taken over by the other once its lease expires', async () => {
        const location = await stores.create();
        const [a, b] = (await startPair(location, 1)) as [BrokerProcess, BrokerProcess];
        await createPlatform(a).provision('i-1', gated(), { async: true });
        await a.child.waitFor((line) => line === 'checkpointed i-1', 15_000);
        await a.child.kill();
        const done = await pollUntil(b, operationPath('i-1', 'provision-i-1'), finished, 20_000);
        expect(done.body).toEqual({ state: 'succeeded' });
        expect(await resumedCheckpoint(b, 'provision-i-1')).toEqual({ step: 'started', by: 'a' });
        expect(await location.operations()).toEqual([
          {
            instance_id: 'i-1',
            operation_id: 'provision-i-1',
            type: 'provision',
            state: 'succeeded',
          },
        ]);
      });
    });
  });
}
