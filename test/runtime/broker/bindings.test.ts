import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BindInput,
  BindingDetails,
  BrokerServices,
} from '../../../src/runtime/broker/index.js';
import { requiresApp } from '../../../src/runtime/errors.js';
import { describeWithEachStore, generateBroker } from './support/generated-broker.js';
import type { GeneratedBroker } from './support/generated-broker.js';
import {
  bindBody,
  CATALOG,
  createGate,
  createPlatform,
  createServices,
  DB,
  json,
  PLAIN,
  PLAIN_A,
  PLAIN_BINDABLE,
  pollUntil,
  provisionBody,
  SMALL,
  UNBINDABLE,
} from './support/fixtures.js';
import type { Gate } from './support/fixtures.js';

/** Binding and unbinding, over HTTP against the generated server ("Binding", "Unbinding"). */
let generated: GeneratedBroker;
beforeAll(async () => {
  generated = await generateBroker();
}, 120_000);
afterAll(() => generated.project.remove());

describeWithEachStore(
  () => generated,
  (brokers) => {
    async function startWithInstance(
      overrides: Partial<BrokerServices> = {},
      body = provisionBody(),
    ) {
      const services = createServices(overrides);
      const broker = await brokers.start({ catalog: CATALOG, services });
      const platform = createPlatform(broker);
      expect((await platform.provision('i-1', body)).status).toBe(201);
      return { broker, platform, services };
    }

    /** A bind that finishes in the background with `details` when `gate` opens. */
    function bindInBackground(
      gate: Gate,
      details: BindingDetails = { credentials: { user: 'u' } },
    ) {
      return {
        async bind() {
          return {
            async: async ({ signal }: { signal: AbortSignal }) => {
              await gate.wait(signal);
              return details;
            },
          };
        },
      } satisfies Partial<BrokerServices>;
    }

    /** A bind answering `details` synchronously. */
    function bindReturning(details: unknown): Partial<BrokerServices> {
      return { bind: async () => details as BindingDetails };
    }

    describe('bind', () => {
      it('rule 29: a bind answers 201 with the credentials', async () => {
        const { platform } = await startWithInstance();
        const response = await platform.bind('i-1', 'b-1');
        expect(response.status).toBe(201);
        expect(await json(response)).toEqual({ credentials: { user: 'b-1', password: 'secret' } });
      });

      it('rule 29: a repeated identical bind answers 200 with the same credentials', async () => {
        const { platform, services } = await startWithInstance();
        await platform.bind('i-1', 'b-1');
        const response = await platform.bind('i-1', 'b-1');
        expect(response.status).toBe(200);
        expect(await json(response)).toEqual({ credentials: { user: 'b-1', password: 'secret' } });
        expect(services.calls['bind']).toBe(1);
      });

      it('rule 29: a bind of an existing binding ID with different parameters answers 409', async () => {
        const { platform } = await startWithInstance();
        await platform.bind('i-1', 'b-1');
        const response = await platform.bind(
          'i-1',
          'b-1',
          bindBody({ parameters: { role: 'writer' } }),
        );
        expect(response.status).toBe(409);
      });

      it('rule 29: a bind while the instance is being updated answers 422 ConcurrencyError', async () => {
        const { platform } = await startWithInstance({
          async update() {
            return { async: ({ signal }) => createGate().wait(signal) };
          },
        });
        await platform.update('i-1', { parameters: { size: 2 } }, { async: true });
        const response = await platform.bind('i-1', 'b-1');
        expect(response.status).toBe(422);
        expect((await json(response)).error).toBe('ConcurrencyError');
      });

      it('rule 29: a bind the service refuses for want of an app answers 422 RequiresApp', async () => {
        const { platform } = await startWithInstance({
          async bind(input) {
            if (input.appGuid === undefined) throw requiresApp();
            return { credentials: {} };
          },
        });
        const response = await platform.bind('i-1', 'b-1', bindBody({ bind_resource: undefined }));
        expect(response.status).toBe(422);
        expect((await json(response)).error).toBe('RequiresApp');
        expect((await platform.bind('i-1', 'b-1')).status).toBe(201);
      });

      it('rule 22: a bind naming a plan outside the catalog answers 400', async () => {
        const { platform } = await startWithInstance();
        expect((await platform.bind('i-1', 'b-1', bindBody({ plan_id: 'nope' }))).status).toBe(400);
      });

      it('rule 25: bind parameters that break the plan binding schema answer 400 naming the field', async () => {
        const { platform, services } = await startWithInstance();
        const response = await platform.bind(
          'i-1',
          'b-1',
          bindBody({ parameters: { role: 'admin' } }),
        );
        expect(response.status).toBe(400);
        expect((await json(response)).description).toContain('parameters/role');
        expect(services.calls['bind']).toBeUndefined();
      });

      it('rule 28: a bind on a plan that is not bindable answers 400 although its offering is', async () => {
        const { platform, services } = await startWithInstance(
          {},
          provisionBody({ plan_id: UNBINDABLE }),
        );
        const response = await platform.bind('i-1', 'b-1', bindBody({ plan_id: UNBINDABLE }));
        expect(response.status).toBe(400);
        expect(services.calls['bind']).toBeUndefined();
      });

      it('rule 28: a bind on a bindable plan of an offering that is not bindable answers 201', async () => {
        const { platform } = await startWithInstance(
          {},
          provisionBody({ service_id: PLAIN, plan_id: PLAIN_BINDABLE }),
        );
        const response = await platform.bind(
          'i-1',
          'b-1',
          bindBody({ service_id: PLAIN, plan_id: PLAIN_BINDABLE }),
        );
        expect(response.status).toBe(201);
      });

      it('rule 28: a bind on a plan of an offering that is not bindable answers 400', async () => {
        const { platform } = await startWithInstance(
          {},
          provisionBody({ service_id: PLAIN, plan_id: PLAIN_A }),
        );
        const response = await platform.bind(
          'i-1',
          'b-1',
          bindBody({ service_id: PLAIN, plan_id: PLAIN_A }),
        );
        expect(response.status).toBe(400);
      });

      it('rule 30: a syslog_drain_url is returned when the offering requires syslog_drain', async () => {
        const { platform } = await startWithInstance(
          bindReturning({ syslogDrainUrl: 'syslog://logs.example:514' }),
        );
        const response = await platform.bind('i-1', 'b-1');
        expect(response.status).toBe(201);
        expect(await json(response)).toEqual({ syslog_drain_url: 'syslog://logs.example:514' });
      });

      it('rule 30: a route_service_url without route_forwarding in requires is answered 500 and logged', async () => {
        const { broker, platform } = await startWithInstance(
          bindReturning({ routeServiceUrl: 'https://proxy.example' }),
        );
        const response = await platform.bind('i-1', 'b-1');
        expect(response.status).toBe(500);
        expect(broker.logs.some((line) => line.err?.message?.includes('route_forwarding'))).toBe(
          true,
        );
      });

      it('rule 30: volume_mounts without volume_mount in requires are answered 500', async () => {
        const { platform } = await startWithInstance(
          bindReturning({
            volumeMounts: [
              {
                driver: 'nfs',
                container_dir: '/data',
                mode: 'r',
                device_type: 'shared',
                device: { volume_id: 'v' },
              },
            ],
          }),
        );
        expect((await platform.bind('i-1', 'b-1')).status).toBe(500);
      });

      it('rule 30: an endpoint with an empty ports list is answered 500', async () => {
        const { platform } = await startWithInstance(
          bindReturning({ credentials: {}, endpoints: [{ host: 'db.example', ports: [] }] }),
        );
        expect((await platform.bind('i-1', 'b-1')).status).toBe(500);
      });

      it('rule 30: an endpoint with protocol sctp is answered 500', async () => {
        const { platform } = await startWithInstance(
          bindReturning({ endpoints: [{ host: 'db.example', ports: ['5432'], protocol: 'sctp' }] }),
        );
        expect((await platform.bind('i-1', 'b-1')).status).toBe(500);
      });

      it('rule 30: a bind that failed its checks leaves a failed binding that unbind still reaches', async () => {
        const { platform, services } = await startWithInstance(
          bindReturning({ routeServiceUrl: 'https://proxy.example' }),
        );
        await platform.bind('i-1', 'b-1');
        expect((await platform.unbind('i-1', 'b-1')).status).toBe(200);
        expect(services.calls['unbind']).toBe(1);
      });

      it('rule 31: binding metadata in yyyy-mm-ddThh:mm:ss.sZ with renew_before before expires_at is returned', async () => {
        const metadata = {
          expires_at: '2030-12-31T23:59:59.0Z',
          renew_before: '2030-12-24T23:59:59.0Z',
        };
        const { platform } = await startWithInstance(bindReturning({ credentials: {}, metadata }));
        const response = await platform.bind('i-1', 'b-1');
        expect(response.status).toBe(201);
        expect((await json(response)).metadata).toEqual(metadata);
      });

      it('rule 31: an expires_at that is not yyyy-mm-ddThh:mm:ss.sZ is answered 500', async () => {
        const { platform } = await startWithInstance(
          bindReturning({ credentials: {}, metadata: { expires_at: '2030-12-31 23:59' } }),
        );
        expect((await platform.bind('i-1', 'b-1')).status).toBe(500);
      });

      it('rule 31: a renew_before later than expires_at is answered 500', async () => {
        const { platform } = await startWithInstance(
          bindReturning({
            credentials: {},
            metadata: {
              expires_at: '2030-12-24T00:00:00.0Z',
              renew_before: '2030-12-31T00:00:00.0Z',
            },
          }),
        );
        expect((await platform.bind('i-1', 'b-1')).status).toBe(500);
      });

      it('rule 32: a rotation hands the live predecessor binding to the service', async () => {
        let predecessor: BindInput['predecessor'];
        const { platform } = await startWithInstance({
          async bind(input) {
            predecessor = input.predecessor;
            return { credentials: { user: input.bindingId } };
          },
        });
        await platform.bind('i-1', 'b-1');
        const response = await platform.bind(
          'i-1',
          'b-2',
          bindBody({ predecessor_binding_id: 'b-1' }),
        );
        expect(response.status).toBe(201);
        expect(predecessor?.bindingId).toBe('b-1');
      });

      it('rule 32: a rotation naming a binding that does not exist answers 400', async () => {
        const { platform } = await startWithInstance();
        const response = await platform.bind(
          'i-1',
          'b-2',
          bindBody({ predecessor_binding_id: 'b-9' }),
        );
        expect(response.status).toBe(400);
      });

      it('rule 32: a rotation on a plan that is not binding_rotatable answers 400', async () => {
        const { platform } = await startWithInstance(
          {},
          provisionBody({ service_id: PLAIN, plan_id: PLAIN_BINDABLE }),
        );
        const body = bindBody({ service_id: PLAIN, plan_id: PLAIN_BINDABLE });
        await platform.bind('i-1', 'b-1', body);
        const response = await platform.bind('i-1', 'b-2', {
          ...body,
          predecessor_binding_id: 'b-1',
        });
        expect(response.status).toBe(400);
        expect((await json(response)).description).toContain('binding_rotatable');
      });

      it('rule 35: a bind on an instance IBM Cloud disabled answers 422 with a user-facing description', async () => {
        const { broker, platform, services } = await startWithInstance();
        const disable = await broker.fetch('/bluemix_v1/service_instances/i-1', {
          method: 'PUT',
          body: JSON.stringify({ enabled: false, reason_code: 'IBMCLOUD_ACCT_SUSPEND' }),
        });
        expect(disable.status).toBe(200);
        const response = await platform.bind('i-1', 'b-1');
        expect(response.status).toBe(422);
        expect((await json(response)).description).toContain('disabled');
        expect(services.calls['bind']).toBeUndefined();
      });
    });

    describe('asynchronous bind', () => {
      it('rule 13: bind work that must run asynchronously without accepts_incomplete answers 422 AsyncRequired', async () => {
        const { platform } = await startWithInstance(bindInBackground(createGate()));
        const response = await platform.bind('i-1', 'b-1');
        expect(response.status).toBe(422);
        expect((await json(response)).error).toBe('AsyncRequired');
      });

      it('rule 3: a bind at X-Broker-API-Version 2.13 is never answered 202, even with accepts_incomplete=true', async () => {
        const { platform, services } = await startWithInstance(bindInBackground(createGate()));
        const response = await platform.bind('i-1', 'b-1', bindBody(), {
          async: true,
          version: '2.13',
        });
        expect(response.status).toBe(422);
        expect((await json(response)).error).toBe('AsyncRequired');
        expect(services.calls['bind']).toBe(1);
      });

      it('rule 17: an asynchronous bind answers 202 with an operation and no credentials', async () => {
        const { platform } = await startWithInstance(bindInBackground(createGate()));
        const response = await platform.bind('i-1', 'b-1', bindBody(), { async: true });
        expect(response.status).toBe(202);
        expect(Object.keys(await json(response))).toEqual(['operation']);
      });

      it('rule 17: an asynchronous bind outcome carrying credentials is answered 500', async () => {
        const { platform } = await startWithInstance({
          async bind() {
            return {
              credentials: { user: 'u' },
              async: async () => ({}),
            } as unknown as BindingDetails;
          },
        });
        expect((await platform.bind('i-1', 'b-1', bindBody(), { async: true })).status).toBe(500);
      });

      it('rule 30: an asynchronous bind on an offering without bindings_retrievable is answered 500', async () => {
        const { platform } = await startWithInstance(
          bindInBackground(createGate()),
          provisionBody({ service_id: PLAIN, plan_id: PLAIN_BINDABLE }),
        );
        const response = await platform.bind(
          'i-1',
          'b-1',
          bindBody({ service_id: PLAIN, plan_id: PLAIN_BINDABLE }),
          { async: true },
        );
        expect(response.status).toBe(500);
      });

      it('rule 16: a re-sent bind while it runs answers 202 with the same operation', async () => {
        const { platform, services } = await startWithInstance(bindInBackground(createGate()));
        const first = await json(await platform.bind('i-1', 'b-1', bindBody(), { async: true }));
        const again = await platform.bind('i-1', 'b-1', bindBody(), { async: true });
        expect(again.status).toBe(202);
        expect((await json(again)).operation).toBe(first.operation);
        expect(services.calls['bind']).toBe(1);
      });

      it('rule 33: fetching a binding answers 404 while it is created, then its credentials', async () => {
        const gate = createGate();
        const { broker, platform } = await startWithInstance(
          bindInBackground(gate, { credentials: { user: 'late' } }),
        );
        const { operation } = await json(
          await platform.bind('i-1', 'b-1', bindBody(), { async: true }),
        );
        expect((await platform.fetchBinding('i-1', 'b-1')).status).toBe(404);
        gate.open();
        const path = `${platform.bindingPath('i-1', 'b-1')}/last_operation?operation=${String(operation)}`;
        const done = await pollUntil(broker, path, (_, body) => body.state !== 'in progress');
        expect(done.body).toEqual({ state: 'succeeded' });
        const fetched = await platform.fetchBinding('i-1', 'b-1');
        expect(fetched.status).toBe(200);
        expect(await json(fetched)).toEqual({ credentials: { user: 'late' } });
      });

      it('rule 30: an asynchronous bind finishing with invalid details reports failed', async () => {
        const gate = createGate();
        const { broker, platform } = await startWithInstance(
          bindInBackground(gate, { routeServiceUrl: 'https://proxy.example' }),
        );
        await platform.bind('i-1', 'b-1', bindBody(), { async: true });
        gate.open();
        const done = await pollUntil(
          broker,
          `${platform.bindingPath('i-1', 'b-1')}/last_operation`,
          (_, body) => body.state !== 'in progress',
        );
        expect(done.body.state).toBe('failed');
      });

      it('rule 3: a 2.13 bind gets no asynchronous binding: work that must run asynchronously answers 422 AsyncRequired', async () => {
        const { platform, services } = await startWithInstance(bindInBackground(createGate()));
        const response = await platform.bind('i-1', 'b-1', bindBody(), {
          async: true,
          version: '2.13',
        });
        expect(response.status).toBe(422);
        expect((await json(response)).error).toBe('AsyncRequired');
        expect(services.calls['bind']).toBe(1);
      });

      it('rule 3: a 2.13 bind that can run synchronously answers 201', async () => {
        let accepted: boolean | undefined;
        const { platform } = await startWithInstance({
          async bind(input) {
            accepted = input.acceptsIncomplete;
            return { credentials: {} };
          },
        });
        const response = await platform.bind('i-1', 'b-1', bindBody(), {
          async: true,
          version: '2.13',
        });
        expect(response.status).toBe(201);
        expect(accepted).toBe(false);
      });

      it('rule 3: polling a binding operation with X-Broker-API-Version 2.13 answers 412', async () => {
        const { platform } = await startWithInstance();
        await platform.bind('i-1', 'b-1');
        expect(
          (await platform.bindingLastOperation('i-1', 'b-1', undefined, { version: '2.13' }))
            .status,
        ).toBe(412);
      });
    });

    describe('fetching a binding', () => {
      it('rule 33: a fetched binding reports its credentials and parameters', async () => {
        const { platform } = await startWithInstance();
        await platform.bind('i-1', 'b-1', bindBody({ parameters: { role: 'reader' } }));
        const response = await platform.fetchBinding('i-1', 'b-1');
        expect(response.status).toBe(200);
        expect(await json(response)).toEqual({
          credentials: { user: 'b-1', password: 'secret' },
          parameters: { role: 'reader' },
        });
      });

      it('rule 33: fetching a binding of an offering without bindings_retrievable answers 400', async () => {
        const { platform } = await startWithInstance(
          {},
          provisionBody({ service_id: PLAIN, plan_id: PLAIN_BINDABLE }),
        );
        await platform.bind('i-1', 'b-1', bindBody({ service_id: PLAIN, plan_id: PLAIN_BINDABLE }));
        expect((await platform.fetchBinding('i-1', 'b-1')).status).toBe(400);
      });

      it('rule 33: fetching an unknown binding answers 404', async () => {
        const { platform } = await startWithInstance();
        expect((await platform.fetchBinding('i-1', 'nobody')).status).toBe(404);
      });

      it('rule 3: fetching a binding with X-Broker-API-Version 2.13 answers 412', async () => {
        const { platform } = await startWithInstance();
        await platform.bind('i-1', 'b-1');
        expect((await platform.fetchBinding('i-1', 'b-1', { version: '2.13' })).status).toBe(412);
      });
    });

    describe('unbind', () => {
      it('rule 34: an unbind answers 200 with {} and the binding is gone', async () => {
        const { platform } = await startWithInstance();
        await platform.bind('i-1', 'b-1');
        const response = await platform.unbind('i-1', 'b-1');
        expect(response.status).toBe(200);
        expect(await json(response)).toEqual({});
        expect((await platform.fetchBinding('i-1', 'b-1')).status).toBe(404);
      });

      it('rule 34: an unbind of a binding that does not exist answers 410', async () => {
        const { platform } = await startWithInstance();
        expect((await platform.unbind('i-1', 'nobody')).status).toBe(410);
      });

      it('rule 34: an unbind naming another service than the binding has answers 400', async () => {
        const { platform } = await startWithInstance();
        await platform.bind('i-1', 'b-1');
        expect((await platform.unbind('i-1', 'b-1', { serviceId: PLAIN })).status).toBe(400);
      });

      it('rule 13: unbind work that must run asynchronously without accepts_incomplete answers 422 AsyncRequired', async () => {
        const { platform } = await startWithInstance({
          async unbind() {
            return { async: async () => undefined };
          },
        });
        await platform.bind('i-1', 'b-1');
        const response = await platform.unbind('i-1', 'b-1');
        expect(response.status).toBe(422);
        expect((await json(response)).error).toBe('AsyncRequired');
      });

      it('rule 16: a re-sent unbind while it runs answers 202 with the same operation', async () => {
        const gate = createGate();
        const { platform } = await startWithInstance({
          async unbind() {
            return { async: ({ signal }) => gate.wait(signal) };
          },
        });
        await platform.bind('i-1', 'b-1');
        const first = await json(await platform.unbind('i-1', 'b-1', { async: true }));
        const again = await platform.unbind('i-1', 'b-1', { async: true });
        expect(again.status).toBe(202);
        expect((await json(again)).operation).toBe(first.operation);
      });

      it('rule 18: binding last_operation answers 410 once an asynchronous unbind completed', async () => {
        const gate = createGate();
        const { broker, platform } = await startWithInstance({
          async unbind() {
            return { async: ({ signal }) => gate.wait(signal) };
          },
        });
        await platform.bind('i-1', 'b-1');
        const { operation } = await json(await platform.unbind('i-1', 'b-1', { async: true }));
        gate.open();
        const path = `${platform.bindingPath('i-1', 'b-1')}/last_operation?operation=${String(operation)}`;
        const done = await pollUntil(broker, path, (status) => status !== 200);
        expect(done.status).toBe(410);
      });

      it('rule 34: an unbind while the binding is being created halts the creation', async () => {
        let aborted = false;
        const gate = createGate();
        const { platform } = await startWithInstance({
          async bind() {
            return {
              async: async ({ signal }) => {
                signal.addEventListener('abort', () => {
                  aborted = true;
                });
                await gate.wait(signal);
                return { credentials: {} };
              },
            };
          },
        });
        const { operation } = await json(
          await platform.bind('i-1', 'b-1', bindBody(), { async: true }),
        );
        const response = await platform.unbind('i-1', 'b-1');
        expect(response.status).toBe(200);
        expect(aborted).toBe(true);
        const poll = await json(
          await platform.bindingLastOperation('i-1', 'b-1', operation as string),
        );
        expect(poll.state).toBe('failed');
      });
    });

    describe('IBM Cloud instance state', () => {
      it('IBM Cloud: the state of a new instance is enabled', async () => {
        const { broker } = await startWithInstance();
        const response = await broker.fetch('/bluemix_v1/service_instances/i-1');
        expect(response.status).toBe(200);
        expect(await json(response)).toMatchObject({
          enabled: true,
          active: true,
          last_active: expect.any(Number),
        });
      });

      it('IBM Cloud: a disabled instance stays disabled until it is enabled again', async () => {
        const changes: boolean[] = [];
        const { broker, platform } = await startWithInstance({
          async updateInstanceState(input) {
            changes.push(input.enabled);
          },
        });
        const put = (enabled: boolean) =>
          broker.fetch('/bluemix_v1/service_instances/i-1', {
            method: 'PUT',
            body: JSON.stringify({ enabled }),
          });
        expect(await json(await put(false))).toMatchObject({ enabled: false });
        expect(await json(await broker.fetch('/bluemix_v1/service_instances/i-1'))).toMatchObject({
          enabled: false,
        });
        await put(true);
        expect((await platform.bind('i-1', 'b-1')).status).toBe(201);
        expect(changes).toEqual([false, true]);
      });

      it('IBM Cloud: the state of an unknown instance answers 404', async () => {
        const broker = await brokers.start({ catalog: CATALOG, services: createServices() });
        expect((await broker.fetch('/bluemix_v1/service_instances/nobody')).status).toBe(404);
      });

      it('IBM Cloud: a CRN instance ID with percent-encoded slashes binds', async () => {
        const crn = 'crn:v1:bluemix:public:db:us-south:a/123:456::';
        const services = createServices();
        const broker = await brokers.start({ catalog: CATALOG, services });
        const platform = createPlatform(broker);
        expect(
          (await platform.provision(crn, { service_id: DB, plan_id: SMALL }, { version: '2.12' }))
            .status,
        ).toBe(201);
        expect((await platform.bind(crn, 'b-1', bindBody(), { version: '2.12' })).status).toBe(201);
      });
    });
  },
);
