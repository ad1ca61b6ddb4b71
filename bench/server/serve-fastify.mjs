/**
 * The peer a person would write by hand with Fastify: the same two routes as the generated
 * broker, with the checks the OSB specification asks of them: Basic authentication (compared
 * in constant time), the X-Broker-API-Version header (400 when missing, 412 outside 2.12 to
 * 2.17), the request identity echoed, a JSON Schema for the provision body and query, the plan
 * looked up in the catalog, its maintenance_info compared (422), and 200/201/409 for repeated
 * provisions, with in-memory state. Nothing else: no reply schemas, no OSB error bodies beyond
 * `description`, no originating identity (the load sends none).
 */
import Fastify from 'fastify';
import { announce, CATALOG, indexPlans, isAuthorized, refuseApiVersion } from './bench-broker.mjs';

const plans = indexPlans();
/** @type {Map<string, import('./bench-broker.mjs').InstanceRecord>} */
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
  const identity = request.headers['x-broker-api-request-identity'];
  if (typeof identity === 'string' && identity !== '') {
    reply.header('X-Broker-API-Request-Identity', identity);
  }
  if (!isAuthorized(request.headers.authorization)) {
    return reply.code(401).send({ description: 'Unauthorized' });
  }
  const refusal = refuseApiVersion(request.headers['x-broker-api-version']);
  if (refusal !== undefined) {
    return reply.code(refusal.status).send({ description: refusal.description });
  }
});

app.get('/v2/catalog', async () => CATALOG);

app.put(
  '/v2/service_instances/:instance_id',
  { schema: provisionSchema },
  async (request, reply) => {
    const { instance_id: instanceId } = /** @type {{ instance_id: string }} */ (request.params);
    /** @type {{ service_id: string, plan_id: string, parameters?: object, context?: object, maintenance_info?: { version: string } }} */
    const body = /** @type {any} */ (request.body);
    const plan = plans.get(body.service_id)?.get(body.plan_id);
    if (plan === undefined) {
      return reply.code(400).send({ description: 'Unknown service_id or plan_id' });
    }
    if (
      body.maintenance_info !== undefined &&
      body.maintenance_info.version !== plan.maintenance_info?.version
    ) {
      return reply.code(422).send({ error: 'MaintenanceInfoConflict' });
    }
    const attributes = JSON.stringify(body);
    const existing = instances.get(instanceId);
    if (existing !== undefined) {
      return reply.code(existing.attributes === attributes ? 200 : 409).send({});
    }
    instances.set(instanceId, {
      serviceId: body.service_id,
      planId: body.plan_id,
      parameters: body.parameters,
      context: body.context,
      attributes,
    });
    return reply.code(201).send({});
  },
);

await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
announce(typeof address === 'object' && address !== null ? address.port : 0, () => app.close());
