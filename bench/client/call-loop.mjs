/**
 * One client making many sequential calls in its own process: a warm-up, then `calls` calls
 * timed together; prints the mean time per call in microseconds. Every client sends the same
 * request on the wire: Basic authentication, X-Broker-API-Version, a new
 * X-Broker-API-Request-Identity (the generated client adds one; raw fetch does the same here so
 * that the difference is the client's own work), and reads the JSON reply.
 *
 * Usage: node call-loop.mjs '<CallLoopOptions as JSON>'
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  API_VERSION,
  AUTHORIZATION,
  CREDENTIALS,
  PROVISION_BODY,
} from '../server/bench-broker.mjs';

/**
 * @typedef {object} CallLoopOptions
 * @property {'fetch' | 'brokergen' | 'ibm'} client
 * @property {'catalog' | 'provision'} route
 * @property {string} url
 * @property {number} calls
 * @property {number} warmup
 * @property {string} project the compiled brokergen client project
 */

const options = /** @type {CallLoopOptions} */ (JSON.parse(process.argv[2] ?? '{}'));
const INSTANCE_ID = 'bench-instance';
const call = await createCall(options);

for (let i = 0; i < options.warmup; i += 1) await call();
const started = process.hrtime.bigint();
for (let i = 0; i < options.calls; i += 1) await call();
const elapsed = Number(process.hrtime.bigint() - started);
process.stdout.write(`${JSON.stringify({ microsPerCall: elapsed / 1000 / options.calls })}\n`);

/**
 * @param {CallLoopOptions} options
 * @returns {Promise<() => Promise<unknown>>}
 */
async function createCall(options) {
  if (options.client === 'fetch') return rawFetchCall(options);
  if (options.client === 'brokergen') return brokergenCall(options);
  return ibmCall(options);
}

/** @param {CallLoopOptions} options */
function rawFetchCall({ url, route }) {
  const headers = () => ({
    authorization: AUTHORIZATION,
    'x-broker-api-version': API_VERSION,
    'x-broker-api-request-identity': randomUUID(),
    accept: 'application/json',
  });
  const body = JSON.stringify(PROVISION_BODY);
  const provisionUrl = `${url}/v2/service_instances/${encodeURIComponent(INSTANCE_ID)}`;
  return async () => {
    const response =
      route === 'catalog'
        ? await globalThis.fetch(`${url}/v2/catalog`, { headers: headers() })
        : await globalThis.fetch(provisionUrl, {
            method: 'PUT',
            headers: { ...headers(), 'content-type': 'application/json' },
            body,
          });
    if (!response.ok) throw new Error(`status ${response.status}`);
    return response.json();
  };
}

/** @param {CallLoopOptions} options */
async function brokergenCall({ url, route, project }) {
  const client = await import(pathToFileURL(join(project, 'dist/client/client.js')).href);
  const config = client.createClient({
    baseUrl: url,
    authentication: { basic: CREDENTIALS },
    brokerApiVersion: API_VERSION,
  });
  return route === 'catalog'
    ? () => client.getCatalog(config)
    : () =>
        client.provisionServiceInstance(config, {
          path: { instance_id: INSTANCE_ID },
          body: PROVISION_BODY,
        });
}

/** @param {CallLoopOptions} options */
async function ibmCall({ url, route }) {
  const { default: OpenServiceBrokerV1 } =
    await import('@ibm-cloud/platform-services/open-service-broker/v1.js');
  const { BasicAuthenticator } = await import('ibm-cloud-sdk-core');
  const service = new OpenServiceBrokerV1({
    serviceUrl: url,
    authenticator: new BasicAuthenticator(CREDENTIALS),
  });
  // IBM's SDK sends neither header by itself.
  const headers = () => ({
    'X-Broker-API-Version': API_VERSION,
    'X-Broker-API-Request-Identity': randomUUID(),
  });
  return route === 'catalog'
    ? () => service.listCatalog({ headers: headers() })
    : () =>
        service.replaceServiceInstance({
          instanceId: INSTANCE_ID,
          serviceId: PROVISION_BODY.service_id,
          planId: PROVISION_BODY.plan_id,
          context: PROVISION_BODY.context,
          organizationGuid: PROVISION_BODY.organization_guid,
          spaceGuid: PROVISION_BODY.space_guid,
          parameters: PROVISION_BODY.parameters,
          headers: headers(),
        });
}
