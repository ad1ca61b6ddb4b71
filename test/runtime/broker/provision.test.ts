import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asyncRequired, OsbError } from '../../../src/runtime/errors.js';
import { describeWithEachStore, generateBroker } from './support/generated-broker.js';
import type { GeneratedBroker } from './support/generated-broker.js';
import {
  CATALOG,
  createGate,
  createPlatform,
  createServices,
  DB,
  json,
  LARGE,
  PLAIN,
  pollUntil,
  provisionBody,
  SMALL,
} from './support/fixtures.js';

/** Provisioning, against the generated server over HTTP ("Provisioning"). */
let generated: GeneratedBroker;
beforeAll(async () => {
  generated = await generateBroker();
}, 120_000);
afterAll(() => generated.project.remove());

/** A provision outcome that finishes when `gate` opens. */
function provisionInBackground(gate = createGate()) {
  return createServices({
    async provision(input) {
      return {
        dashboardUrl: `https://dashboard.example/${input.instanceId}`,
        async: ({ signal }) => gate.wait(signal),
      };
    },
  });
}

describe('createBrokerHandlers with the generated routes', () => {
  it('satisfies the generated Handlers type (with defaults left optional in the generated types)', () => {
    expect(generated.compileOutput).toBe('');
  });
});

describeWithEachStore(
  () => generated,
  (brokers) => {
    describe('GET /v2/catalog', () => {
      it('answers the catalog it was given', async () => {
        const broker = await brokers.start({ catalog: CATALOG, services: createServices() });
        const response = await broker.fetch('/v2/catalog');
        expect(response.status).toBe(200);
        expect(((await json(response)).services as { id: string }[]).map((s) => s.id)).toEqual([
          DB,
          PLAIN,
        ]);
      });

      it('answers the same JSON on every request', async () => {
        const broker = await brokers.start({ catalog: CATALOG, services: createServices() });
        const first = await broker.fetch('/v2/catalog');
        const second = await broker.fetch('/v2/catalog');
        expect(second.headers.get('content-type')).toBe('application/json; charset=utf-8');
        expect(await second.text()).toBe(await first.text());
      });

      it('keeps answering the catalog it was given after the caller changes that object', async () => {
        const catalog = structuredClone(CATALOG);
        const broker = await brokers.start({ catalog, services: createServices() });
        catalog.services.pop();
        const response = await broker.fetch('/v2/catalog');
        expect(((await json(response)).services as { id: string }[]).map((s) => s.id)).toEqual([
          DB,
          PLAIN,
        ]);
      });
    });

    describe('provision', () => {
      it('rule 23: a provision answers 201 with the dashboard_url the service returned', async () => {
        const broker = await brokers.start({ catalog: CATALOG, services: createServices() });
        const response = await createPlatform(broker).provision('i-1');
        expect(response.status).toBe(201);
        expect(await json(response)).toEqual({ dashboard_url: 'https://dashboard.example/i-1' });
      });

      it('rule 23: a repeated identical provision answers 200 without calling the service again', async () => {
        const services = createServices();
        const broker = await brokers.start({ catalog: CATALOG, services });
        const platform = createPlatform(broker);
        await platform.provision('i-1');
        const response = await platform.provision('i-1');
        expect(response.status).toBe(200);
        expect(await json(response)).toEqual({ dashboard_url: 'https://dashboard.example/i-1' });
        expect(services.calls['provision']).toBe(1);
      });

      it('rule 23: a provision of an existing ID with different attributes answers 409', async () => {
        const broker = await brokers.start({ catalog: CATALOG, services: createServices() });
        const platform = createPlatform(broker);
        await platform.provision('i-1');
        const response = await platform.provision(
          'i-1',
          provisionBody({ parameters: { size: 2 } }),
        );
        expect(response.status).toBe(409);
      });

      it('rule 22: a provision naming a service_id outside the catalog answers 400', async () => {
        const broker = await brokers.start({ catalog: CATALOG, services: createServices() });
        const response = await createPlatform(broker).provision(
          'i-1',
          provisionBody({ service_id: 'no-such-service' }),
        );
        expect(response.status).toBe(400);
        expect((await json(response)).description).toContain('no-such-service');
      });

      it('rule 22: a provision naming a plan of another service answers 400', async () => {
        const broker = await brokers.start({ catalog: CATALOG, services: createServices() });
        const response = await createPlatform(broker).provision(
          'i-1',
          provisionBody({ service_id: PLAIN, plan_id: SMALL }),
        );
        expect(response.status).toBe(400);
        expect((await json(response)).description).toContain(SMALL);
      });

      it('rule 24: a provision whose maintenance_info.version differs from the plan answers 422 MaintenanceInfoConflict', async () => {
        const services = createServices();
        const broker = await brokers.start({ catalog: CATALOG, services });
        const response = await createPlatform(broker).provision(
          'i-1',
          provisionBody({ maintenance_info: { version: '1.1.0' } }),
        );
        expect(response.status).toBe(422);
        expect((await json(response)).error).toBe('MaintenanceInfoConflict');
        expect(services.calls['provision']).toBeUndefined();
      });

      it('rule 24: a provision with the plan maintenance_info.version is accepted', async () => {
        const broker = await brokers.start({ catalog: CATALOG, services: createServices() });
        const response = await createPlatform(broker).provision(
          'i-1',
          provisionBody({ maintenance_info: { version: '1.2.0' } }),
        );
        expect(response.status).toBe(201);
      });

      it('rule 25: provision parameters that break the plan schema answer 400 naming the field', async () => {
        const services = createServices();
        const broker = await brokers.start({ catalog: CATALOG, services });
        const response = await createPlatform(broker).provision(
          'i-1',
          provisionBody({ parameters: { size: 'huge' } }),
        );
        expect(response.status).toBe(400);
        expect((await json(response)).description).toContain('parameters/size');
        expect(services.calls['provision']).toBeUndefined();
      });

      it('rule 25: a parameter sent as a string where the plan schema declares an integer answers 400', async () => {
        const services = createServices();
        const broker = await brokers.start({ catalog: CATALOG, services });
        const response = await createPlatform(broker).provision(
          'i-1',
          provisionBody({ parameters: { size: '5' } }),
        );
        expect(response.status).toBe(400);
        expect((await json(response)).description).toContain('parameters/size must be integer');
        expect(services.calls['provision']).toBeUndefined();
      });

      it('rule 25: provision parameters are handed to the service exactly as sent', async () => {
        let received: unknown;
        const services = createServices({
          async provision(input) {
            received = input.parameters;
            return {};
          },
        });
        const broker = await brokers.start({ catalog: CATALOG, services });
        const response = await createPlatform(broker).provision(
          'i-1',
          provisionBody({ parameters: { size: 3, extra: 'kept' } }),
        );
        expect(response.status).toBe(201);
        expect(received).toEqual({ size: 3, extra: 'kept' });
      });

      it('rule 12: a provision refused with 400 leaves nothing behind', async () => {
        const broker = await brokers.start({ catalog: CATALOG, services: createServices() });
        const platform = createPlatform(broker);
        await platform.provision('i-1', provisionBody({ parameters: { size: 'huge' } }));
        const response = await platform.provision(
          'i-1',
          provisionBody({ parameters: { size: 1 } }),
        );
        expect(response.status).toBe(201);
      });

      it('IBM Cloud: a 2.12 provision without organization_guid and space_guid is accepted', async () => {
        const broker = await brokers.start({ catalog: CATALOG, services: createServices() });
        const response = await createPlatform(broker).provision(
          'crn:v1:bluemix:public:db:us-south:a/123:456::',
          {
            service_id: DB,
            plan_id: SMALL,
            context: { platform: 'ibmcloud', account_id: '123', crn: 'crn:v1:bluemix:public:db::' },
          },
          { version: '2.12' },
        );
        expect(response.status).toBe(201);
      });
    });

    describe('asynchronous provision', () => {
      it('rule 13: provision work that must run asynchronously without accepts_incomplete answers 422 AsyncRequired', async () => {
        let started = false;
        const services = createServices({
          async provision() {
            return {
              async: async () => {
                started = true;
              },
            };
          },
        });
        const broker = await brokers.start({ catalog: CATALOG, services });
        const response = await createPlatform(broker).provision('i-1');
        expect(response.status).toBe(422);
        expect((await json(response)).error).toBe('AsyncRequired');
        expect(started).toBe(false);
      });

      it('rule 14: a synchronous provision answers 201, not 202, even with accepts_incomplete=true', async () => {
        const broker = await brokers.start({ catalog: CATALOG, services: createServices() });
        const response = await createPlatform(broker).provision('i-1', provisionBody(), {
          async: true,
        });
        expect(response.status).toBe(201);
      });

      it('rule 21: an asynchronous provision answers 202 with the dashboard_url and an operation', async () => {
        const broker = await brokers.start({ catalog: CATALOG, services: provisionInBackground() });
        const response = await createPlatform(broker).provision('i-1', provisionBody(), {
          async: true,
        });
        expect(response.status).toBe(202);
        const body = await json(response);
        expect(body.dashboard_url).toBe('https://dashboard.example/i-1');
        expect(body.operation).toEqual(expect.any(String));
      });

      it('rule 16: a re-sent provision while it runs answers 202 with the same operation', async () => {
        const services = provisionInBackground();
        const broker = await brokers.start({ catalog: CATALOG, services });
        const platform = createPlatform(broker);
        const first = await json(await platform.provision('i-1', provisionBody(), { async: true }));
        const again = await platform.provision('i-1', provisionBody(), { async: true });
        expect(again.status).toBe(202);
        expect((await json(again)).operation).toBe(first.operation);
        expect(services.calls['provision']).toBe(1);
      });

      it('rule 15: an operation longer than 10,000 characters is answered 500 and logged', async () => {
        const services = createServices({
          async provision() {
            return { operation: 'x'.repeat(10_001), async: async () => undefined };
          },
        });
        const broker = await brokers.start({ catalog: CATALOG, services });
        const response = await createPlatform(broker).provision('i-1', provisionBody(), {
          async: true,
        });
        expect(response.status).toBe(500);
        expect(broker.logs.some((line) => line.err?.message?.includes('10000'))).toBe(true);
      });

      it('rule 15: an operation the service names is handed back to the platform', async () => {
        const services = createServices({
          async provision() {
            return { operation: 'task_10', async: async () => undefined };
          },
        });
        const broker = await brokers.start({ catalog: CATALOG, services });
        const response = await createPlatform(broker).provision('i-1', provisionBody(), {
          async: true,
        });
        expect(await json(response)).toEqual({ operation: 'task_10' });
      });

      it('rule 18: last_operation reports in progress, then succeeded, and remembers it', async () => {
        const gate = createGate();
        const broker = await brokers.start({
          catalog: CATALOG,
          services: provisionInBackground(gate),
        });
        const platform = createPlatform(broker);
        const { operation } = await json(
          await platform.provision('i-1', provisionBody(), { async: true }),
        );
        const running = await json(await platform.lastOperation('i-1', operation as string));
        expect(running.state).toBe('in progress');
        gate.open();
        const path = `${platform.instancePath('i-1')}/last_operation?operation=${String(operation)}`;
        const done = await pollUntil(broker, path, (_, body) => body.state !== 'in progress');
        expect(done.body).toEqual({ state: 'succeeded' });
        expect(await json(await platform.lastOperation('i-1', operation as string))).toEqual({
          state: 'succeeded',
        });
      });

      it('rule 19: last_operation carries Retry-After while the operation runs', async () => {
        const broker = await brokers.start({
          catalog: CATALOG,
          services: provisionInBackground(),
          retryAfterSeconds: 7,
        });
        const platform = createPlatform(broker);
        await platform.provision('i-1', provisionBody(), { async: true });
        const response = await platform.lastOperation('i-1');
        expect(response.headers.get('retry-after')).toBe('7');
      });

      it('rule 18: last_operation of an unknown instance answers 404', async () => {
        const broker = await brokers.start({ catalog: CATALOG, services: createServices() });
        const response = await createPlatform(broker).lastOperation('nobody');
        expect(response.status).toBe(404);
      });

      it('rule 18: a failed asynchronous provision reports failed with the service description', async () => {
        const services = createServices({
          async provision() {
            return {
              async: async () => {
                throw new OsbError(500, { description: 'The cluster has no capacity left.' });
              },
            };
          },
        });
        const broker = await brokers.start({ catalog: CATALOG, services });
        const platform = createPlatform(broker);
        await platform.provision('i-1', provisionBody(), { async: true });
        const done = await pollUntil(
          broker,
          `${platform.instancePath('i-1')}/last_operation`,
          (_, body) => body.state !== 'in progress',
        );
        expect(done.body).toEqual({
          state: 'failed',
          description: 'The cluster has no capacity left.',
        });
      });

      it('rule 11: a failed provision never reports instance_usable or update_repeatable', async () => {
        const services = createServices({
          async provision() {
            return {
              async: async () => {
                throw new OsbError(500, {
                  description: 'Broken.',
                  instance_usable: false,
                  update_repeatable: false,
                });
              },
            };
          },
        });
        const broker = await brokers.start({ catalog: CATALOG, services });
        const platform = createPlatform(broker);
        await platform.provision('i-1', provisionBody(), { async: true });
        const done = await pollUntil(
          broker,
          `${platform.instancePath('i-1')}/last_operation`,
          (_, body) => body.state !== 'in progress',
        );
        expect(done.body).toEqual({ state: 'failed', description: 'Broken.' });
      });

      it('rule 11: a provision refused with instance_usable is answered 500 and logged', async () => {
        const services = createServices({
          async provision() {
            throw new OsbError(422, { description: 'No.', instance_usable: true });
          },
        });
        const broker = await brokers.start({ catalog: CATALOG, services });
        const response = await createPlatform(broker).provision('i-1');
        expect(response.status).toBe(500);
        expect(broker.logs.some((line) => line.err?.message?.includes('instance_usable'))).toBe(
          true,
        );
      });

      it('rule 12: a provision whose service fails unexpectedly answers 500 and keeps a failed instance for orphan mitigation', async () => {
        const services = createServices({
          async provision() {
            throw new TypeError('a bug in the broker');
          },
        });
        const broker = await brokers.start({ catalog: CATALOG, services });
        const platform = createPlatform(broker);
        const response = await platform.provision('i-1');
        expect(response.status).toBe(500);
        expect(await json(response)).toEqual({ description: 'internal error' });
        expect((await platform.provision('i-1')).status).toBe(409);
        expect((await platform.deprovision('i-1')).status).toBe(200);
        expect(services.calls['deprovision']).toBe(1);
      });

      it('rule 10: an OsbError the service throws is answered with its status, code and description', async () => {
        const services = createServices({
          async provision() {
            throw asyncRequired({ description: 'Only asynchronously, please.' });
          },
        });
        const broker = await brokers.start({ catalog: CATALOG, services });
        const response = await createPlatform(broker).provision('i-1');
        expect(response.status).toBe(422);
        expect(await json(response)).toEqual({
          error: 'AsyncRequired',
          description: 'Only asynchronously, please.',
        });
      });
    });

    describe('concurrent provisions', () => {
      it('100 concurrent identical provision requests create exactly one instance', async () => {
        const gate = createGate();
        const services = provisionInBackground(gate);
        const broker = await brokers.start({ catalog: CATALOG, services });
        const platform = createPlatform(broker);
        const responses = await Promise.all(
          Array.from({ length: 100 }, () =>
            platform.provision('i-1', provisionBody(), { async: true }),
          ),
        );
        const operations = new Set(
          await Promise.all(responses.map(async (r) => (await json(r)).operation)),
        );
        expect(responses.map((r) => r.status)).toEqual(Array(100).fill(202));
        expect(operations.size).toBe(1);
        expect(services.calls['provision']).toBe(1);
        gate.open();
      });

      it('100 concurrent identical synchronous provisions answer one 201 and 99 200s', async () => {
        const services = createServices();
        const broker = await brokers.start({ catalog: CATALOG, services });
        const platform = createPlatform(broker);
        const statuses = await Promise.all(
          Array.from({ length: 100 }, async () => (await platform.provision('i-1')).status),
        );
        expect(statuses.filter((status) => status === 201)).toHaveLength(1);
        expect(statuses.filter((status) => status === 200)).toHaveLength(99);
        expect(services.calls['provision']).toBe(1);
      });

      it('100 concurrent different provisions for one ID give exactly one 201/202 and otherwise 409 or 422, never 500', async () => {
        const broker = await brokers.start({ catalog: CATALOG, services: provisionInBackground() });
        const platform = createPlatform(broker);
        const statuses = await Promise.all(
          Array.from({ length: 100 }, async (_, index) => {
            const body =
              index % 3 === 0
                ? provisionBody({ plan_id: LARGE, parameters: { n: index } })
                : provisionBody({ parameters: { size: index + 1 } });
            return (await platform.provision('i-1', body, { async: index % 2 === 0 })).status;
          }),
        );
        expect(statuses.filter((status) => status === 201 || status === 202)).toHaveLength(1);
        expect(statuses.every((status) => [201, 202, 409, 422].includes(status))).toBe(true);
      });
    });
  },
);
