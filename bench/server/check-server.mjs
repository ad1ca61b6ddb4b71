/**
 * Before a server is measured, it must answer the benchmark's requests as a broker should:
 * a server that skipped a check would look fast for the wrong reason. Each check is one
 * request and the status the OSB specification asks for.
 */
import { randomUUID } from 'node:crypto';
import {
  API_VERSION,
  AUTHORIZATION,
  CATALOG,
  PROVISION_BODY,
  REQUEST_HEADERS,
} from './bench-broker.mjs';

/**
 * @typedef {object} Check
 * @property {string} name
 * @property {number} want
 * @property {number | string} got the status, or why no status
 */

/**
 * @param {string} url
 * @returns {Promise<{ passed: boolean, checks: Check[] }>}
 */
export async function checkServer(url) {
  const instance = `/v2/service_instances/check-${randomUUID()}`;
  const json = { ...REQUEST_HEADERS, 'content-type': 'application/json' };
  const otherPlan = CATALOG.services[0]?.plans[1]?.id ?? 'other-plan';
  /** @type {[string, number, string, RequestInit][]} */
  const requests = [
    ['catalog', 200, '/v2/catalog', { headers: REQUEST_HEADERS }],
    [
      'catalog without credentials',
      401,
      '/v2/catalog',
      { headers: { 'x-broker-api-version': API_VERSION } },
    ],
    // A missing header may be refused with 400 or 412; a version the broker does not support
    // must be refused with 412 ("API Version Header").
    [
      'catalog with X-Broker-API-Version 1.13',
      412,
      '/v2/catalog',
      { headers: { authorization: AUTHORIZATION, 'x-broker-api-version': '1.13' } },
    ],
    [
      'catalog with X-Broker-API-Version 2.99',
      412,
      '/v2/catalog',
      { headers: { authorization: AUTHORIZATION, 'x-broker-api-version': '2.99' } },
    ],
    [
      'provision',
      201,
      instance,
      { method: 'PUT', headers: json, body: JSON.stringify(PROVISION_BODY) },
    ],
    [
      'the same provision again',
      200,
      instance,
      { method: 'PUT', headers: json, body: JSON.stringify(PROVISION_BODY) },
    ],
    [
      'a different provision of the same instance',
      409,
      instance,
      {
        method: 'PUT',
        headers: json,
        body: JSON.stringify({ ...PROVISION_BODY, plan_id: otherPlan }),
      },
    ],
    [
      'provision without plan_id',
      400,
      `${instance}-2`,
      {
        method: 'PUT',
        headers: json,
        body: JSON.stringify({ service_id: PROVISION_BODY.service_id }),
      },
    ],
    [
      'provision asking for a maintenance_info version the plan does not have',
      422,
      `${instance}-4`,
      {
        method: 'PUT',
        headers: json,
        body: JSON.stringify({ ...PROVISION_BODY, maintenance_info: { version: '9.9.9' } }),
      },
    ],
    [
      'provision of a plan not in the catalog',
      400,
      `${instance}-3`,
      {
        method: 'PUT',
        headers: json,
        body: JSON.stringify({ ...PROVISION_BODY, plan_id: 'no-such-plan' }),
      },
    ],
  ];
  /** @type {Check[]} */
  const checks = [];
  for (const [name, want, path, init] of requests) {
    try {
      const response = await globalThis.fetch(`${url}${path}`, init);
      const body = await response.text();
      let got = /** @type {number | string} */ (response.status);
      if (name === 'catalog' && got === 200 && !servesBenchCatalog(body))
        got = '200 with another catalog';
      checks.push({ name, want, got });
    } catch (error) {
      checks.push({ name, want, got: String(error) });
    }
  }
  return { passed: checks.every((check) => check.got === check.want), checks };
}

/**
 * @param {string} body
 * @returns {boolean}
 */
function servesBenchCatalog(body) {
  try {
    const served = /** @type {typeof CATALOG} */ (JSON.parse(body));
    return (
      JSON.stringify(served.services.map((s) => s.plans.map((p) => p.id))) ===
      JSON.stringify(CATALOG.services.map((s) => s.plans.map((p) => p.id)))
    );
  } catch {
    return false;
  }
}
