import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HALTED_DESCRIPTION, INTERRUPTED_DESCRIPTION } from '../../../src/runtime/broker/index.js';
import type {
  DeprovisionInput,
  InterruptedOperation,
  OperationRecord,
  ServiceInstanceRecord,
  Store,
} from '../../../src/runtime/broker/index.js';
import { describeWithEachStore, generateBroker } from './support/generated-broker.js';
import type { GeneratedBroker } from './support/generated-broker.js';
import {
  CATALOG,
  createGate,
  createPlatform,
  createServices,
  DB,
  json,
  PLAIN,
  PLAIN_BRIEF,
  pollUntil,
  provisionBody,
  SMALL,
  waitFor,
} from './support/fixtures.js';

/**
 * Background operations: progress, halting, and what last_operation says after the process
 * running an operation died ("Polling Last Operation", "Deprovisioning", "Orphan Mitigation").
 */
let generated: GeneratedBroker;
beforeAll(async () => {
  generated = await generateBroker();
}, 120_000);
afterAll(() => generated.project.remove());

const lastOperationPath = (id: string) => `/v2/service_instances/${id}/last_operation`;
const finished = (_: number, body: Record<string, unknown>) => body.state !== 'in progress';

/** Stores what a broker process that was SIGKILLed mid-provision leaves behind. */
async function leaveInterruptedProvision(
  store: Store,
  checkpoint?: Record<string, string>,
  payload: Record<string, number> = {},
) {
  const past = new Date(Date.now() - 60_000).toISOString();
  const instance: ServiceInstanceRecord = {
    instanceId: 'i-1',
    serviceId: DB,
    planId: SMALL,
    fingerprint: '{}',
    parameters: { size: 1 },
    context: null,
    organizationGuid: null,
    spaceGuid: null,
    maintenanceInfo: null,
    dashboardUrl: null,
    metadata: null,
    state: 'creating',
    enabled: true,
    lastActive: null,
    createdAt: past,
    updatedAt: past,
  };
  const operation: OperationRecord = {
    operationId: 'provision-1',
    instanceId: 'i-1',
    bindingId: null,
    type: 'provision',
    state: 'in progress',
    description: 'Creating the cluster (40%).',
    instanceUsable: null,
    updateRepeatable: null,
    fingerprint: '{}',
    payload: {
      request: { instanceId: 'i-1', parameters: { size: 1 } },
      ...(checkpoint ? { checkpoint } : {}),
      ...payload,
    },
    owner: 'a-process-that-was-killed',
    leaseExpiresAt: past,
    createdAt: past,
    updatedAt: past,
  };
  await store.withInstance('i-1', async (tx) => {
    await tx.putInstance(instance);
    await tx.putOperation(operation);
  });
}

describeWithEachStore(
  () => generated,
  (brokers) => {
    describe('progress', () => {
      it('rule 18: last_operation reports the description the work last reported', async () => {
        const gate = createGate();
        const reported = createGate();
        const services = createServices({
          async provision() {
            return {
              async: async (progress) => {
                await progress.report('Creating the cluster (40%).');
                reported.open();
                await gate.wait(progress.signal);
              },
            };
          },
        });
        const broker = await brokers.start({ catalog: CATALOG, services });
        await createPlatform(broker).provision('i-1', provisionBody(), { async: true });
        await reported.wait();
        const body = await json(await createPlatform(broker).lastOperation('i-1'));
        expect(body).toEqual({ state: 'in progress', description: 'Creating the cluster (40%).' });
        gate.open();
      });
    });

    describe('a delete during creation', () => {
      it('rule 34: a deprovision during an asynchronous provision halts it through its AbortSignal', async () => {
        let aborted = false;
        let deprovisioned: DeprovisionInput | undefined;
        const services = createServices({
          async provision() {
            return {
              async: async ({ signal }) =>
                new Promise<void>((_, reject) => {
                  signal.addEventListener('abort', () => {
                    aborted = true;
                    reject(new Error('halted'));
                  });
                }),
            };
          },
          async deprovision(input) {
            deprovisioned = input;
          },
        });
        const broker = await brokers.start({ catalog: CATALOG, services });
        const platform = createPlatform(broker);
        const { operation } = await json(
          await platform.provision('i-1', provisionBody(), { async: true }),
        );
        const response = await platform.deprovision('i-1');
        expect(response.status).toBe(200);
        expect(aborted).toBe(true);
        expect(deprovisioned?.haltedCreation).toBe(true);
        // "Deprovisioning": after a synchronous delete, the creation's last_operation says failed.
        const poll = await json(await platform.lastOperation('i-1', operation as string));
        expect(poll).toEqual({ state: 'failed', description: HALTED_DESCRIPTION });
      });

      it('rule 34: an asynchronous deprovision during creation is what last_operation then reports', async () => {
        const gate = createGate();
        const services = createServices({
          async provision() {
            return { async: ({ signal }) => createGate().wait(signal) };
          },
          async deprovision() {
            return { async: ({ signal }) => gate.wait(signal) };
          },
        });
        const broker = await brokers.start({ catalog: CATALOG, services });
        const platform = createPlatform(broker);
        await platform.provision('i-1', provisionBody(), { async: true });
        const response = await platform.deprovision('i-1', { async: true });
        expect(response.status).toBe(202);
        const { operation } = await json(response);
        expect(await json(await platform.lastOperation('i-1'))).toEqual({ state: 'in progress' });
        gate.open();
        const done = await pollUntil(
          broker,
          `${lastOperationPath('i-1')}?operation=${String(operation)}`,
          (status) => status !== 200,
        );
        expect(done.status).toBe(410);
      });
    });

    describe('maximum_polling_duration', () => {
      const brief = provisionBody({ service_id: PLAIN, plan_id: PLAIN_BRIEF });

      it("rule 18: work still running past the plan's maximum_polling_duration is aborted and reported failed", async () => {
        let aborted = false;
        const services = createServices({
          async provision() {
            return {
              async: async ({ signal }) => {
                await createGate()
                  .wait(signal)
                  .catch(() => undefined);
                aborted = signal.aborted;
                return { metadata: { labels: { finished: 'late' } } };
              },
            };
          },
        });
        const broker = await brokers.start({ catalog: CATALOG, services });
        const platform = createPlatform(broker);
        expect((await platform.provision('i-1', brief, { async: true })).status).toBe(202);
        const done = await pollUntil(broker, lastOperationPath('i-1'), finished);
        expect(done.body).toEqual({
          state: 'failed',
          description:
            "The provision did not finish within 1 seconds, the plan's maximum_polling_duration, and was stopped.",
        });
        expect(aborted).toBe(true);
        // A failed provision leaves the instance for orphan mitigation, which still works.
        expect(
          (await platform.deprovision('i-1', { serviceId: PLAIN, planId: PLAIN_BRIEF })).status,
        ).toBe(200);
      });

      it("rule 18: work finishing within the plan's maximum_polling_duration succeeds", async () => {
        const services = createServices({
          async provision() {
            return { async: async () => undefined };
          },
        });
        const broker = await brokers.start({ catalog: CATALOG, services });
        await createPlatform(broker).provision('i-1', brief, { async: true });
        const done = await pollUntil(broker, lastOperationPath('i-1'), finished);
        expect(done.body).toEqual({ state: 'succeeded' });
      });

      it('rule 18: an interrupted operation past its maximum_polling_duration is reported failed, not resumed', async () => {
        const store = await brokers.store();
        await leaveInterruptedProvision(store, undefined, { maximumPollingDuration: 30 });
        const services = createServices({
          async resume() {
            return {};
          },
        });
        const broker = await brokers.start({ catalog: CATALOG, services, store });
        const done = await pollUntil(broker, lastOperationPath('i-1'), finished);
        expect(done.body).toEqual({
          state: 'failed',
          description:
            "The provision did not finish within 30 seconds, the plan's maximum_polling_duration, and was stopped.",
        });
        expect(services.calls['resume']).toBeUndefined();
      });
    });

    describe('after the broker process died', () => {
      it('rule 18: an operation interrupted by a restart is reported failed: interrupted by a broker restart', async () => {
        const store = await brokers.store();
        await leaveInterruptedProvision(store);
        const broker = await brokers.start({ catalog: CATALOG, services: createServices(), store });
        const done = await pollUntil(broker, lastOperationPath('i-1'), finished);
        expect(done.body).toEqual({ state: 'failed', description: INTERRUPTED_DESCRIPTION });
        expect(INTERRUPTED_DESCRIPTION).toContain('interrupted by a broker restart');
      });

      it('rule 18: an interrupted operation is resumed through services.resume with its checkpoint', async () => {
        const store = await brokers.store();
        await leaveInterruptedProvision(store, { job: 'job-42' });
        let resumed: InterruptedOperation | undefined;
        const services = createServices({
          async resume(operation) {
            resumed = operation;
            return { metadata: { labels: { resumed: 'yes' } } };
          },
        });
        const broker = await brokers.start({ catalog: CATALOG, services, store });
        const done = await pollUntil(broker, lastOperationPath('i-1'), finished);
        expect(done.body.state).toBe('succeeded');
        expect(resumed).toMatchObject({
          type: 'provision',
          operationId: 'provision-1',
          checkpoint: { job: 'job-42' },
          request: { parameters: { size: 1 } },
        });
        const fetched = await json(await createPlatform(broker).fetchInstance('i-1'));
        expect(fetched.metadata).toEqual({ labels: { resumed: 'yes' } });
      });

      it('rule 18: closing a broker hands its running operation to the next broker sharing the store', async () => {
        const store = await brokers.store();
        const first = await brokers.start({
          catalog: CATALOG,
          store,
          services: createServices({
            async provision() {
              return {
                async: async (progress) => {
                  await progress.checkpoint({ step: 'vm-created' });
                  await createGate().wait(progress.signal);
                },
              };
            },
          }),
        });
        await createPlatform(first).provision('i-1', provisionBody(), { async: true });
        let checkpoint: unknown;
        const second = await brokers.start({
          catalog: CATALOG,
          store,
          recoverOperations: false,
          services: createServices({
            async resume(operation) {
              checkpoint = operation.checkpoint;
            },
          }),
        });
        // The checkpoint is written by the work; wait until the store holds it.
        await waitForCheckpoint(store);
        await first.handlers.close();
        expect(await second.handlers.recoverOperations()).toBe(1);
        const done = await pollUntil(second, lastOperationPath('i-1'), finished);
        expect(done.body.state).toBe('succeeded');
        expect(checkpoint).toEqual({ step: 'vm-created' });
      });

      it('rule 18: a running operation keeps renewing its lease, so no other broker takes it over', async () => {
        const store = await brokers.store();
        const gate = createGate();
        const first = await brokers.start({
          catalog: CATALOG,
          store,
          leaseSeconds: 1,
          services: createServices({
            async provision() {
              return { async: ({ signal }) => gate.wait(signal) };
            },
          }),
        });
        await createPlatform(first).provision('i-1', provisionBody(), { async: true });
        const leaseOf = async () =>
          (await store.withInstance('i-1', (tx) => tx.getLatestOperation(null)))?.leaseExpiresAt;
        const initial = await leaseOf();
        const deadline = Date.now() + 5000;
        while ((await leaseOf()) === initial && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        expect(Date.parse((await leaseOf()) ?? '')).toBeGreaterThan(Date.parse(initial ?? ''));
        const second = await brokers.start({
          catalog: CATALOG,
          store,
          recoverOperations: false,
          services: createServices(),
        });
        expect(await second.handlers.recoverOperations()).toBe(0);
        gate.open();
        const done = await pollUntil(first, lastOperationPath('i-1'), finished);
        expect(done.body.state).toBe('succeeded');
      });

      it('rule 18: work whose operation another broker took over is aborted and its result discarded', async () => {
        const store = await brokers.store();
        let aborted = false;
        const first = await brokers.start({
          catalog: CATALOG,
          store,
          leaseSeconds: 0.3,
          services: createServices({
            async provision() {
              return {
                async: async ({ signal }) => {
                  await new Promise<void>((resolve) =>
                    signal.addEventListener('abort', () => resolve(), { once: true }),
                  );
                  aborted = true;
                  return { metadata: { labels: { from: 'first' } } };
                },
              };
            },
          }),
        });
        await createPlatform(first).provision('i-1', provisionBody(), { async: true });
        await store.withInstance('i-1', async (tx) => {
          const operation = await tx.getLatestOperation(null);
          if (operation) await tx.putOperation({ ...operation, owner: 'another-broker' });
        });
        await waitFor(() => aborted);
        const body = await json(await createPlatform(first).lastOperation('i-1'));
        expect(body.state).toBe('in progress');
      });
    });
  },
);

async function waitForCheckpoint(store: Store): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const operation = await store.withInstance('i-1', (tx) => tx.getLatestOperation(null));
    if (operation?.payload['checkpoint'] !== undefined) return;
    if (Date.now() > deadline) throw new Error('no checkpoint before the deadline');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
