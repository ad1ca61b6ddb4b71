import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProvisionInput } from '../../../src/runtime/broker/index.js';
import { describeWithEachStore, generateBroker } from './support/generated-broker.js';
import type { GeneratedBroker } from './support/generated-broker.js';
import {
  bindBody,
  CATALOG,
  createPlatform,
  createServices,
  json,
  provisionBody,
} from './support/fixtures.js';

/**
 * The protocol rules every request meets before the broker's logic (checklist rules 1-9:
 * headers, authentication, bodies, IDs), over HTTP against the generated server.
 */
let generated: GeneratedBroker;
beforeAll(async () => {
  generated = await generateBroker();
}, 120_000);
afterAll(() => generated.project.remove());

const identity = (platform: string, value: unknown) =>
  `${platform} ${Buffer.from(JSON.stringify(value)).toString('base64')}`;

describeWithEachStore(
  () => generated,
  (brokers) => {
    const start = async (services = createServices()) => {
      const broker = await brokers.start({ catalog: CATALOG, services });
      return { broker, platform: createPlatform(broker), services };
    };

    describe('authentication and versions', () => {
      it('rule 1: a request without credentials answers 401 and reaches no service', async () => {
        const { broker, services } = await start();
        const response = await broker.fetch('/v2/service_instances/i-1', {
          method: 'PUT',
          body: JSON.stringify(provisionBody()),
          without: ['authorization'],
        });
        expect(response.status).toBe(401);
        expect(services.calls['provision']).toBeUndefined();
      });

      it('rule 1: a request with a wrong password answers 401', async () => {
        const { broker } = await start();
        const response = await broker.fetch('/v2/catalog', {
          headers: { authorization: `Basic ${Buffer.from('platform:guess').toString('base64')}` },
        });
        expect(response.status).toBe(401);
      });

      it('rule 2: a request without X-Broker-API-Version answers 400', async () => {
        const { broker } = await start();
        const response = await broker.fetch('/v2/catalog', { without: ['x-broker-api-version'] });
        expect(response.status).toBe(400);
      });

      it('rule 2: an unsupported X-Broker-API-Version answers 412 naming the supported ones', async () => {
        const { broker } = await start();
        const response = await broker.fetch('/v2/catalog', { version: '3.0' });
        expect(response.status).toBe(412);
        expect((await json(response)).description).toContain('2.17');
      });
    });

    describe('identities', () => {
      it('rule 4: the originating identity reaches the service, decoded', async () => {
        let received: ProvisionInput['originatingIdentity'];
        const { platform } = await start(
          createServices({
            async provision(input) {
              received = input.originatingIdentity;
              return {};
            },
          }),
        );
        const response = await platform.provision('i-1', provisionBody(), {
          headers: {
            'x-broker-api-originating-identity': identity('cloudfoundry', { user_id: 'u-1' }),
          },
        });
        expect(response.status).toBe(201);
        expect(received).toMatchObject({ platform: 'cloudfoundry', value: { user_id: 'u-1' } });
      });

      it('rule 4: an originating identity whose value is not base64 JSON answers 400', async () => {
        const { platform, services } = await start();
        const response = await platform.provision('i-1', provisionBody(), {
          headers: { 'x-broker-api-originating-identity': 'cloudfoundry not-json' },
        });
        expect(response.status).toBe(400);
        expect(services.calls['provision']).toBeUndefined();
      });

      it('rule 4: an originating identity of another platform than context.platform answers 400', async () => {
        const { platform } = await start();
        const response = await platform.provision('i-1', provisionBody(), {
          headers: {
            'x-broker-api-originating-identity': identity('kubernetes', { username: 'k' }),
          },
        });
        expect(response.status).toBe(400);
        expect((await platform.provision('i-1')).status).toBe(201);
      });

      it('rule 5: the request identity is echoed on a success', async () => {
        const { platform } = await start();
        const response = await platform.provision('i-1', provisionBody(), {
          headers: { 'x-broker-api-request-identity': 'req-42' },
        });
        expect(response.status).toBe(201);
        expect(response.headers.get('x-broker-api-request-identity')).toBe('req-42');
      });

      it('rule 5: the request identity is echoed on a refusal the store decided', async () => {
        const { platform } = await start();
        await platform.provision('i-1');
        const response = await platform.provision(
          'i-1',
          provisionBody({ parameters: { size: 9 } }),
          { headers: { 'x-broker-api-request-identity': 'req-43' } },
        );
        expect(response.status).toBe(409);
        expect(response.headers.get('x-broker-api-request-identity')).toBe('req-43');
      });
    });

    describe('request bodies', () => {
      it('rule 6: a body that is not JSON answers 400 and stores nothing', async () => {
        const { broker, platform } = await start();
        const response = await broker.fetch(platform.instancePath('i-1'), {
          method: 'PUT',
          body: '{"service_id": ',
        });
        expect(response.status).toBe(400);
        expect(await json(response)).toEqual({
          description: 'The request body is not valid JSON.',
        });
        expect((await platform.provision('i-1')).status).toBe(201);
      });

      it('rule 6: a body of another content type answers 400', async () => {
        const { broker, platform } = await start();
        const response = await broker.fetch(platform.instancePath('i-1'), {
          method: 'PUT',
          body: 'service_id=svc-db',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        expect(response.status).toBe(400);
      });

      it('rule 7: fields the broker does not know are ignored, and do not make a repeat differ', async () => {
        const { platform } = await start();
        const first = await platform.provision('i-1', provisionBody({ future_field: { a: 1 } }));
        expect(first.status).toBe(201);
        const again = await platform.provision('i-1', provisionBody({ another_field: true }));
        expect(again.status).toBe(200);
      });

      it('rule 7: unknown fields in a bind body and query parameters are ignored', async () => {
        const { broker, platform } = await start();
        await platform.provision('i-1');
        const response = await broker.fetch(`${platform.bindingPath('i-1', 'b-1')}?future_flag=1`, {
          method: 'PUT',
          body: JSON.stringify(bindBody({ future_field: 'x' })),
        });
        expect(response.status).toBe(201);
      });

      it('rule 8: an empty service_id answers 400 naming the field', async () => {
        const { platform, services } = await start();
        const response = await platform.provision('i-1', provisionBody({ service_id: '' }));
        expect(response.status).toBe(400);
        expect((await json(response)).description).toContain('body/service_id');
        expect(services.calls['provision']).toBeUndefined();
      });

      it('rule 8: an empty organization_guid answers 400 and stores nothing', async () => {
        const { platform } = await start();
        const response = await platform.provision('i-1', provisionBody({ organization_guid: '' }));
        expect(response.status).toBe(400);
        expect((await json(response)).description).toContain('body/organization_guid');
        expect((await platform.provision('i-1')).status).toBe(201);
      });

      it('rule 8: an empty operation in the last_operation query answers 400', async () => {
        const { broker, platform } = await start();
        await platform.provision('i-1');
        const response = await broker.fetch(
          `${platform.instancePath('i-1')}/last_operation?operation=`,
        );
        expect(response.status).toBe(400);
      });

      it('rule 8: a service_id sent as a number answers 400 rather than being read as text', async () => {
        const { platform, services } = await start();
        const response = await platform.provision('i-1', provisionBody({ service_id: 123 }));
        expect(response.status).toBe(400);
        expect(await json(response)).toEqual({ description: 'body/service_id must be string' });
        expect(services.calls['provision']).toBeUndefined();
      });

      it('rule 8: a plan_id sent as a one-element array answers 400', async () => {
        const { platform } = await start();
        const response = await platform.provision(
          'i-1',
          provisionBody({ plan_id: ['plan-small'] }),
        );
        expect(response.status).toBe(400);
        expect((await json(response)).description).toBe('body/plan_id must be string');
      });

      it('rule 8: accepts_incomplete=true in the query string still counts as true', async () => {
        const { platform } = await start(
          createServices({
            async provision() {
              return { async: async () => undefined };
            },
          }),
        );
        const response = await platform.provision('i-1', provisionBody(), { async: true });
        expect(response.status).toBe(202);
      });
    });

    describe('IDs', () => {
      const crn = 'crn:v1:bluemix:public:db:us-south:a/1234:5678::';

      it('rule 9: an instance ID with percent-encoded / and : is stored and found under that ID', async () => {
        const { platform } = await start();
        expect((await platform.provision(crn)).status).toBe(201);
        const fetched = await platform.fetchInstance(crn);
        expect(fetched.status).toBe(200);
        expect((await json(fetched)).dashboard_url).toBe(`https://dashboard.example/${crn}`);
        expect((await platform.deprovision(crn)).status).toBe(200);
        expect((await platform.deprovision(crn)).status).toBe(410);
      });

      it('rule 9: a binding ID with percent-encoded characters binds, repeats and unbinds', async () => {
        const { platform } = await start();
        await platform.provision(crn);
        const bindingId = 'b/1:2 3';
        expect((await platform.bind(crn, bindingId)).status).toBe(201);
        expect((await platform.bind(crn, bindingId)).status).toBe(200);
        expect((await platform.unbind(crn, bindingId)).status).toBe(200);
      });

      it('rule 9: IDs that differ only in encoding are different resources', async () => {
        const { platform } = await start();
        expect((await platform.provision('a/b')).status).toBe(201);
        expect((await platform.provision('a%2Fb')).status).toBe(201);
        expect((await platform.fetchInstance('a%2Fb')).status).toBe(200);
      });
    });
  },
);
