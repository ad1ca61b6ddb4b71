/**
 * The floor: the same two routes and checks as serve-fastify.mjs written on `node:http` alone,
 * the body checked by hand instead of by a JSON Schema.
 */
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import { URLSearchParams } from 'node:url';
import { announce, CATALOG, indexPlans, isAuthorized, refuseApiVersion } from './bench-broker.mjs';

const plans = indexPlans();
/** @type {Map<string, import('./bench-broker.mjs').InstanceRecord>} */
const instances = new Map();
const catalogJson = JSON.stringify(CATALOG);
const INSTANCE_PATH = /^\/v2\/service_instances\/([^/?]+)(?:\?(.*))?$/;

/**
 * @param {import('node:http').ServerResponse} response
 * @param {number} status
 * @param {string} json
 */
function send(response, status, json) {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  response.end(json);
}

/**
 * Whether `body` is a provision request: `service_id` and `plan_id` non-empty strings, the
 * optional fields of the right types.
 * @param {unknown} body
 * @returns {body is { service_id: string, plan_id: string }}
 */
function isProvisionBody(body) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const fields = /** @type {Record<string, unknown>} */ (body);
  const isObject = (/** @type {unknown} */ value) =>
    value === undefined || (typeof value === 'object' && value !== null && !Array.isArray(value));
  const isString = (/** @type {unknown} */ value) =>
    value === undefined || typeof value === 'string';
  return (
    typeof fields['service_id'] === 'string' &&
    fields['service_id'] !== '' &&
    typeof fields['plan_id'] === 'string' &&
    fields['plan_id'] !== '' &&
    isObject(fields['context']) &&
    isObject(fields['parameters']) &&
    isObject(fields['maintenance_info']) &&
    isString(fields['organization_guid']) &&
    isString(fields['space_guid'])
  );
}

const server = createServer((request, response) => {
  const identity = request.headers['x-broker-api-request-identity'];
  if (typeof identity === 'string' && identity !== '') {
    response.setHeader('X-Broker-API-Request-Identity', identity);
  }
  if (!isAuthorized(request.headers.authorization)) {
    send(response, 401, '{"description":"Unauthorized"}');
    return;
  }
  const refusal = refuseApiVersion(request.headers['x-broker-api-version']);
  if (refusal !== undefined) {
    send(response, refusal.status, JSON.stringify({ description: refusal.description }));
    return;
  }
  const url = request.url ?? '';
  if (request.method === 'GET' && url === '/v2/catalog') {
    send(response, 200, catalogJson);
    return;
  }
  const match = request.method === 'PUT' ? INSTANCE_PATH.exec(url) : null;
  if (match === null) {
    send(response, 404, '{"description":"Not found"}');
    return;
  }
  const query = new URLSearchParams(match[2] ?? '').get('accepts_incomplete');
  /** @type {Buffer[]} */
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      send(response, 400, '{"description":"The body is not JSON"}');
      return;
    }
    if (!isProvisionBody(body) || (query !== null && query !== 'true' && query !== 'false')) {
      send(response, 400, '{"description":"Not a provision request"}');
      return;
    }
    const plan = plans.get(body.service_id)?.get(body.plan_id);
    if (plan === undefined) {
      send(response, 400, '{"description":"Unknown service_id or plan_id"}');
      return;
    }
    const maintenanceInfo = /** @type {{ version?: unknown } | undefined} */ (
      /** @type {Record<string, unknown>} */ (body)['maintenance_info']
    );
    if (
      maintenanceInfo !== undefined &&
      maintenanceInfo.version !== plan.maintenance_info?.version
    ) {
      send(response, 422, '{"error":"MaintenanceInfoConflict"}');
      return;
    }
    const instanceId = decodeURIComponent(/** @type {string} */ (match[1]));
    const attributes = JSON.stringify(body);
    const existing = instances.get(instanceId);
    if (existing !== undefined) {
      send(response, existing.attributes === attributes ? 200 : 409, '{}');
      return;
    }
    const fields = /** @type {Record<string, unknown>} */ (body);
    instances.set(instanceId, {
      serviceId: body.service_id,
      planId: body.plan_id,
      parameters: fields['parameters'],
      context: fields['context'],
      attributes,
    });
    send(response, 201, '{}');
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  announce(typeof address === 'object' && address !== null ? address.port : 0, async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
});
