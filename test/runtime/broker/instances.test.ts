import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OsbError } from '../../../src/runtime/errors.js';
import type { UpdateInput } from '../../../src/runtime/broker/index.js';
import { describeWithEachStore, generateBroker } from './support/generated-broker.js';
import type { GeneratedBroker } from './support/generated-broker.js';
import {
  CATALOG,
  createGate,
  createPlatform,
  createServices,
  json,
  LARGE,
  PLAIN,
  PLAIN_A,
  PLAIN_B,
  pollUntil,
  provisionBody,
  SMALL,
} from './support/fixtures.js';
import type { Gate } from './support/fixtures.js';

/** Updating, fetching and deprovisioning instances, over HTTP against the generated server. */
let generated: GeneratedBroker;
beforeAll(async () => {
  generated = await generateBroker();
}, 120_000);
afterAll(() => generated.project.remove());

/** Services whose update and deprovision run in the background until `gate` opens. */
function inBackground(gate: Gate = createGate()) {
  return createServices({
    async update() {
      return { async: ({ signal }) => gate.wait(signal) };
    },
    async deprovision() {
      return { async: ({ signal }) => gate.wait(signal) };
    },
  });
}

describeWithEachStore(
  () => generated,
  (brokers) => {
    async function startWithInstance(services = createServices(), body = provisionBody()) {
      const broker = await brokers.start({ catalog: CATALOG, services });
      const platform = createPlatform(broker);
      expect((await platform.provision('i-1', body)).status).toBe(201);
      return { broker, platform, services };
    }

    describe('update', () => {
      it('rule 26: an update with new parameters answers 200 and keeps the parameters it did not name', async () => {
        const { platform } = await startWithInstance(
          createServices(),
          provisionBody({ parameters: { size: 1, zone: 'a' } }),
        );
        expect((await platform.update('i-1', { parameters: { size: 2 } })).status).toBe(200);
        const fetched = await json(await platform.fetchInstance('i-1'));
        expect(fetched.parameters).toEqual({ size: 2, zone: 'a' });
      });

      it('rule 26: an update without parameters leaves the parameters unchanged', async () => {
        let received: UpdateInput | undefined;
        const services = createServices({
          async update(input) {
            received = input;
            return {};
          },
        });
        const { platform } = await startWithInstance(
          services,
          provisionBody({ parameters: { size: 1 } }),
        );
        expect(
          (await platform.update('i-1', { maintenance_info: { version: '1.2.0' } })).status,
        ).toBe(200);
        expect(received?.parameters).toBeUndefined();
        expect((await json(await platform.fetchInstance('i-1'))).parameters).toEqual({ size: 1 });
      });

      it('rule 26: a plan change answers 200 when the plan is plan_updateable', async () => {
        const { platform } = await startWithInstance();
        expect((await platform.update('i-1', { plan_id: LARGE })).status).toBe(200);
        expect((await json(await platform.fetchInstance('i-1'))).plan_id).toBe(LARGE);
      });

      it('rule 26: a plan change from a plan that is not plan_updateable answers 422', async () => {
        const services = createServices();
        const { platform } = await startWithInstance(services, provisionBody({ plan_id: LARGE }));
        const response = await platform.update('i-1', { plan_id: SMALL });
        expect(response.status).toBe(422);
        expect(await json(response)).toMatchObject({
          instance_usable: true,
          update_repeatable: false,
        });
        expect(services.calls['update']).toBeUndefined();
      });

      it('rule 26: a context-only update answers 200 when the offering allows context updates', async () => {
        const { platform } = await startWithInstance();
        const response = await platform.update('i-1', {
          context: {
            platform: 'cloudfoundry',
            organization_guid: 'org-1',
            space_guid: 'space-1',
            instance_name: 'renamed',
          },
        });
        expect(response.status).toBe(200);
      });

      it('rule 26: a context-only update answers 422 when the offering does not allow context updates', async () => {
        const { platform } = await startWithInstance(
          createServices(),
          provisionBody({ service_id: PLAIN, plan_id: PLAIN_A }),
        );
        const response = await platform.update('i-1', {
          service_id: PLAIN,
          context: { platform: 'cloudfoundry', organization_guid: 'org-1', space_guid: 'space-1' },
        });
        expect(response.status).toBe(422);
        expect((await json(response)).description).toContain('allow_context_updates');
      });

      it('rule 26: a plan change on an offering without plan_updateable answers 422', async () => {
        const { platform } = await startWithInstance(
          createServices(),
          provisionBody({ service_id: PLAIN, plan_id: PLAIN_A }),
        );
        const response = await platform.update('i-1', { service_id: PLAIN, plan_id: PLAIN_B });
        expect(response.status).toBe(422);
      });

      it('rule 22: an update to a plan outside the catalog answers 400', async () => {
        const { platform } = await startWithInstance();
        const response = await platform.update('i-1', { plan_id: 'no-such-plan' });
        expect(response.status).toBe(400);
      });

      it('rule 24: an update whose maintenance_info.version differs from the catalog answers 422 MaintenanceInfoConflict', async () => {
        const { platform } = await startWithInstance();
        const response = await platform.update('i-1', { maintenance_info: { version: '2.0.0' } });
        expect(response.status).toBe(422);
        expect((await json(response)).error).toBe('MaintenanceInfoConflict');
      });

      it('rule 25: update parameters that break the plan update schema answer 400 naming the field', async () => {
        const { platform } = await startWithInstance();
        const response = await platform.update('i-1', { parameters: { size: 0 } });
        expect(response.status).toBe(400);
        expect((await json(response)).description).toContain('parameters/size');
      });

      it('rule 12: an update the service refuses applies none of its changes', async () => {
        const services = createServices({
          async update() {
            throw new OsbError(422, {
              description: 'Usage exceeds the new quota.',
              instance_usable: true,
              update_repeatable: false,
            });
          },
        });
        const { platform } = await startWithInstance(
          services,
          provisionBody({ parameters: { size: 1 } }),
        );
        const response = await platform.update('i-1', { plan_id: LARGE, parameters: { size: 5 } });
        expect(response.status).toBe(422);
        expect(await json(response)).toEqual({
          description: 'Usage exceeds the new quota.',
          instance_usable: true,
          update_repeatable: false,
        });
        const fetched = await json(await platform.fetchInstance('i-1'));
        expect(fetched).toMatchObject({ plan_id: SMALL, parameters: { size: 1 } });
      });

      it('rule 13: update work that must run asynchronously without accepts_incomplete answers 422 AsyncRequired', async () => {
        const { platform } = await startWithInstance(inBackground());
        const response = await platform.update('i-1', { parameters: { size: 2 } });
        expect(response.status).toBe(422);
        expect((await json(response)).error).toBe('AsyncRequired');
      });

      it('rule 16: a re-sent update while it runs answers 202 with the same operation', async () => {
        const services = inBackground();
        const { platform } = await startWithInstance(services);
        const first = await json(
          await platform.update('i-1', { parameters: { size: 2 } }, { async: true }),
        );
        const again = await platform.update('i-1', { parameters: { size: 2 } }, { async: true });
        expect(again.status).toBe(202);
        expect((await json(again)).operation).toBe(first.operation);
        expect(services.calls['update']).toBe(1);
      });

      it('rule 10: a different update while one runs answers 422 ConcurrencyError', async () => {
        const { platform } = await startWithInstance(inBackground());
        await platform.update('i-1', { parameters: { size: 2 } }, { async: true });
        const response = await platform.update('i-1', { parameters: { size: 3 } }, { async: true });
        expect(response.status).toBe(422);
        expect((await json(response)).error).toBe('ConcurrencyError');
      });

      it('rule 20: last_operation after a plan change accepts the old plan_id', async () => {
        const gate = createGate();
        const { broker, platform } = await startWithInstance(inBackground(gate));
        const { operation } = await json(
          await platform.update('i-1', { plan_id: LARGE }, { async: true }),
        );
        gate.open();
        const path = `${platform.instancePath('i-1')}/last_operation?plan_id=${SMALL}&operation=${String(operation)}`;
        const done = await pollUntil(broker, path, (_, body) => body.state !== 'in progress');
        expect(done.status).toBe(200);
        expect(done.body.state).toBe('succeeded');
        expect((await json(await platform.fetchInstance('i-1'))).plan_id).toBe(LARGE);
      });

      it('rule 11: a failed asynchronous update reports instance_usable and update_repeatable', async () => {
        const services = createServices({
          async update() {
            return {
              async: async () => {
                throw new OsbError(422, {
                  description: 'Quota.',
                  instance_usable: true,
                  update_repeatable: false,
                });
              },
            };
          },
        });
        const { broker, platform } = await startWithInstance(services);
        await platform.update('i-1', { parameters: { size: 9 } }, { async: true });
        const done = await pollUntil(
          broker,
          `${platform.instancePath('i-1')}/last_operation`,
          (_, body) => body.state !== 'in progress',
        );
        expect(done.body).toEqual({
          state: 'failed',
          description: 'Quota.',
          instance_usable: true,
          update_repeatable: false,
        });
      });
    });

    describe('fetching an instance', () => {
      it('rule 27: a fetched instance reports its service, plan, dashboard, parameters and maintenance_info', async () => {
        const { platform } = await startWithInstance(
          createServices(),
          provisionBody({ parameters: { size: 2 } }),
        );
        const response = await platform.fetchInstance('i-1');
        expect(response.status).toBe(200);
        expect(await json(response)).toEqual({
          service_id: 'svc-db',
          plan_id: SMALL,
          dashboard_url: 'https://dashboard.example/i-1',
          parameters: { size: 2 },
          maintenance_info: { version: '1.2.0', description: 'OS image 1.2' },
        });
      });

      it('rule 27: fetching an instance of an offering without instances_retrievable answers 400', async () => {
        const { platform } = await startWithInstance(
          createServices(),
          provisionBody({ service_id: PLAIN, plan_id: PLAIN_A }),
        );
        const response = await platform.fetchInstance('i-1');
        expect(response.status).toBe(400);
        expect((await json(response)).description).toContain('instances_retrievable');
      });

      it('rule 27: fetching an instance still being provisioned answers 404, then 200 once it succeeded', async () => {
        const gate = createGate();
        const services = createServices({
          async provision() {
            return { async: ({ signal }) => gate.wait(signal) };
          },
        });
        const broker = await brokers.start({ catalog: CATALOG, services });
        const platform = createPlatform(broker);
        await platform.provision('i-1', provisionBody(), { async: true });
        expect((await platform.fetchInstance('i-1')).status).toBe(404);
        gate.open();
        await pollUntil(
          broker,
          `${platform.instancePath('i-1')}/last_operation`,
          (_, body) => body.state === 'succeeded',
        );
        expect((await platform.fetchInstance('i-1')).status).toBe(200);
      });

      it('rule 27: fetching an instance while it is updated answers 422 ConcurrencyError', async () => {
        const { platform } = await startWithInstance(inBackground());
        await platform.update('i-1', { parameters: { size: 2 } }, { async: true });
        const response = await platform.fetchInstance('i-1');
        expect(response.status).toBe(422);
        expect((await json(response)).error).toBe('ConcurrencyError');
      });

      it('rule 27: fetching an unknown instance answers 404', async () => {
        const broker = await brokers.start({ catalog: CATALOG, services: createServices() });
        expect((await createPlatform(broker).fetchInstance('nobody')).status).toBe(404);
      });

      it('rule 27: fetchInstance may hide parameters and add metadata', async () => {
        const services = createServices({
          async fetchInstance() {
            return { parameters: {}, metadata: { labels: { tier: 'gold' } } };
          },
        });
        const { platform } = await startWithInstance(
          services,
          provisionBody({ parameters: { size: 2 } }),
        );
        const body = await json(await platform.fetchInstance('i-1'));
        expect(body.parameters).toEqual({});
        expect(body.metadata).toEqual({ labels: { tier: 'gold' } });
      });

      it('rule 3: fetching an instance with X-Broker-API-Version 2.13 answers 412 naming 2.14', async () => {
        const { platform } = await startWithInstance();
        const response = await platform.fetchInstance('i-1', { version: '2.13' });
        expect(response.status).toBe(412);
        expect((await json(response)).description).toContain('2.14');
      });
    });

    describe('deprovision', () => {
      it('rule 34: a deprovision answers 200 with {} and the instance is gone', async () => {
        const { platform } = await startWithInstance();
        const response = await platform.deprovision('i-1');
        expect(response.status).toBe(200);
        expect(await json(response)).toEqual({});
        expect((await platform.fetchInstance('i-1')).status).toBe(404);
      });

      it('rule 34: a deprovision of an instance that does not exist answers 410', async () => {
        const broker = await brokers.start({ catalog: CATALOG, services: createServices() });
        expect((await createPlatform(broker).deprovision('nobody')).status).toBe(410);
      });

      it('rule 34: a second deprovision answers 410', async () => {
        const { platform } = await startWithInstance();
        await platform.deprovision('i-1');
        expect((await platform.deprovision('i-1')).status).toBe(410);
      });

      it('rule 34: a deprovision without plan_id answers 400', async () => {
        const { broker, platform } = await startWithInstance();
        const response = await broker.fetch(`${platform.instancePath('i-1')}?service_id=svc-db`, {
          method: 'DELETE',
        });
        expect(response.status).toBe(400);
      });

      it('rule 34: a deprovision naming another plan than the instance has answers 400', async () => {
        const { platform } = await startWithInstance();
        expect((await platform.deprovision('i-1', { planId: LARGE })).status).toBe(400);
      });

      it('rule 34: a deprovision while an update runs answers 422 ConcurrencyError', async () => {
        const { platform } = await startWithInstance(inBackground());
        await platform.update('i-1', { parameters: { size: 2 } }, { async: true });
        const response = await platform.deprovision('i-1', { async: true });
        expect(response.status).toBe(422);
        expect((await json(response)).error).toBe('ConcurrencyError');
      });

      it('rule 13: deprovision work that must run asynchronously without accepts_incomplete answers 422 AsyncRequired', async () => {
        const { platform } = await startWithInstance(inBackground());
        const response = await platform.deprovision('i-1');
        expect(response.status).toBe(422);
        expect((await json(response)).error).toBe('AsyncRequired');
      });

      it('rule 16: a re-sent deprovision while it runs answers 202 with the same operation', async () => {
        const services = inBackground();
        const { platform } = await startWithInstance(services);
        const first = await json(await platform.deprovision('i-1', { async: true }));
        const again = await platform.deprovision('i-1', { async: true });
        expect(again.status).toBe(202);
        expect((await json(again)).operation).toBe(first.operation);
        expect(services.calls['deprovision']).toBe(1);
      });

      it('rule 18: last_operation answers 410 once an asynchronous deprovision completed', async () => {
        const gate = createGate();
        const { broker, platform } = await startWithInstance(inBackground(gate));
        const { operation } = await json(await platform.deprovision('i-1', { async: true }));
        gate.open();
        const path = `${platform.instancePath('i-1')}/last_operation?operation=${String(operation)}`;
        const done = await pollUntil(broker, path, (status) => status !== 200);
        expect(done.status).toBe(410);
        expect((await platform.lastOperation('i-1', operation as string)).status).toBe(410);
      });

      it('rule 18: last_operation answers 404, not 410, after a synchronous deprovision', async () => {
        const { platform } = await startWithInstance();
        await platform.deprovision('i-1');
        expect((await platform.lastOperation('i-1')).status).toBe(404);
      });

      it('rule 11: a failed deprovision reports instance_usable but never update_repeatable', async () => {
        const services = createServices({
          async deprovision() {
            return {
              async: async () => {
                throw new OsbError(500, {
                  description: 'Stuck.',
                  instance_usable: false,
                  update_repeatable: true,
                });
              },
            };
          },
        });
        const { broker, platform } = await startWithInstance(services);
        await platform.deprovision('i-1', { async: true });
        const done = await pollUntil(
          broker,
          `${platform.instancePath('i-1')}/last_operation`,
          (_, body) => body.state !== 'in progress',
        );
        expect(done.body).toEqual({
          state: 'failed',
          description: 'Stuck.',
          instance_usable: false,
        });
        expect((await platform.fetchInstance('i-1')).status).toBe(200);
      });
    });
  },
);
