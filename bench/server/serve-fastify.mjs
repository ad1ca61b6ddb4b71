/**
 * The peer a person would write by hand with Fastify: the same two routes as the generated
 * broker, with the same checks (Basic authentication, the X-Broker-API-Version header, a JSON
 * Schema for the provision body and query, the plan looked up in the catalog, 200/201/409 for
 * repeated provisions), in-memory state, and nothing else: no reply schemas, no OSB error
 * bodies beyond `description`, no request identity.
 */
import Fastify from 'fastify';
import { announce, AUTHORIZATION, CATALOG } from './bench-broker.mjs';

/** @type {Map<string, Set<string>>} plan IDs by service ID */
const plans = new Map(
  CATALOG.services.map((service) => [service.id, new Set(service.plans.map((plan) => plan.id))]),
);
/** @type {Map<string, string>} each instance's provision body, as JSON */
const instances = new Map();

const provisionSchema = {
  params: {
    type: 'object',
    required: ['instance_id'],
    properties: { instance_id: { type: 'string', minLength: 1 } },
  },
  querystring: {
    type: 'object',
    properties: { accepts_incomplete: { type: 'boolean' } },
  },
  body: {
    type: 'object',
    required: ['service_id', 'plan_id'],
    properties: {
      service_id: { type: 'string', minLength: 1 },
      plan_id: { type: 'string', minLength: 1 },
      context: { type: 'object' },
      organization_guid: { type: 'string' },
      space_guid: { type: 'string' },
      parameters: { type: 'object' },
      maintenance_info: {
        type: 'object',
        properties: { version: { type: 'string' } },
      },
    },
  },
};

const app = Fastify({ logger: false });

app.addHook('onRequest', async (request, reply) => {
  if (request.headers.authorization !== AUTHORIZATION) {
    return reply.code(401).send({ description: 'Unauthorized' });
  }
  const version = request.headers['x-broker-api-version'];
  if (typeof version !== 'string' || !/^2\.\d+$/.test(version)) {
    return reply.code(412).send({ description: 'X-Broker-API-Version 2.x is required' });
  }
});

app.get('/v2/catalog', async () => CATALOG);

app.put(
  '/v2/service_instances/:instance_id',
  { schema: provisionSchema },
  async (request, reply) => {
    const { instance_id: instanceId } = /** @type {{ instance_id: string }} */ (request.params);
    const body = /** @type {{ service_id: string, plan_id: string }} */ (request.body);
    if (plans.get(body.service_id)?.has(body.plan_id) !== true) {
      return reply.code(400).send({ description: 'Unknown service_id or plan_id' });
    }
    const attributes = JSON.stringify(body);
    const existing = instances.get(instanceId);
    if (existing !== undefined) return reply.code(existing === attributes ? 200 : 409).send({});
    instances.set(instanceId, attributes);
    return reply.code(201).send({});
  },
);

await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
announce(typeof address === 'object' && address !== null ? address.port : 0, () => app.close());
