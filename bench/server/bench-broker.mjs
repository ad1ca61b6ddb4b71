/**
 * What every server in the comparison serves and every load generator sends: one catalog, one
 * set of credentials, one provision request body. Keeping them in one place keeps the servers
 * doing the same work.
 */
import { Buffer } from 'node:buffer';
import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CATALOG_FILE = join(import.meta.dirname, 'catalog.json');

/** @type {{ services: { id: string, plans: { id: string, maintenance_info?: { version: string } }[] }[] }} */
export const CATALOG = JSON.parse(readFileSync(CATALOG_FILE, 'utf8'));

export const CREDENTIALS = { username: 'platform', password: 'bench-secret' };

export const AUTHORIZATION = `Basic ${Buffer.from(`${CREDENTIALS.username}:${CREDENTIALS.password}`).toString('base64')}`;

export const API_VERSION = '2.17';

const service = /** @type {{ id: string, plans: { id: string }[] }} */ (CATALOG.services[0]);

/** A valid provision of the first plan, as a platform sends it. */
export const PROVISION_BODY = {
  service_id: service.id,
  plan_id: /** @type {{ id: string }} */ (service.plans[0]).id,
  context: { platform: 'cloudfoundry', organization_guid: 'org-guid', space_guid: 'space-guid' },
  organization_guid: 'org-guid',
  space_guid: 'space-guid',
  parameters: { size: 3 },
};

const expectedAuthorization = Buffer.from(AUTHORIZATION);

/**
 * The hand-written servers' authentication: the Authorization header compared with the one the
 * credentials make, in constant time (`timingSafeEqual`), as a careful person writes it.
 * @param {string | undefined} header
 * @returns {boolean}
 */
export function isAuthorized(header) {
  if (header === undefined) return false;
  const given = Buffer.from(header);
  return (
    given.length === expectedAuthorization.length && timingSafeEqual(given, expectedAuthorization)
  );
}

/**
 * The hand-written servers' "API Version Header" check, for the versions the generated broker
 * supports (2.12 to 2.17): the refusal to send, or undefined to go on.
 * @param {string | string[] | undefined} header
 * @returns {{ status: 400 | 412, description: string } | undefined}
 */
export function refuseApiVersion(header) {
  if (header === undefined) {
    return { status: 400, description: 'X-Broker-API-Version is required' };
  }
  const match = typeof header === 'string' ? /^2\.(0|[1-9][0-9]*)$/.exec(header) : null;
  const minor = match === null ? Number.NaN : Number(match[1]);
  if (!(minor >= 12 && minor <= 17)) {
    return { status: 412, description: 'X-Broker-API-Version 2.12 to 2.17 is required' };
  }
  return undefined;
}

/**
 * Each plan by service and plan ID, for the hand-written servers' catalog checks.
 * @returns {Map<string, Map<string, { id: string, maintenance_info?: { version: string } }>>}
 */
export function indexPlans() {
  return new Map(
    CATALOG.services.map((service) => [
      service.id,
      new Map(service.plans.map((plan) => [plan.id, plan])),
    ]),
  );
}

/**
 * What the servers keep per instance: the fields fetching, updating and binding it need later
 * (the bench catalog's offering is `instances_retrievable`, so its parameters must be kept), and
 * its provision attributes as JSON, to tell a repeat (200) from a conflict (409).
 * @typedef {{ serviceId: string, planId: string, parameters: unknown, context: unknown, attributes: string }} InstanceRecord
 */

/** The headers every request of the load carries. */
export const REQUEST_HEADERS = {
  authorization: AUTHORIZATION,
  'x-broker-api-version': API_VERSION,
};

/**
 * Tells the harness which port a server child listens on (its first stdout line), and closes
 * the server when the harness sends SIGTERM.
 * @param {number} port
 * @param {() => Promise<void>} close
 */
export function announce(port, close) {
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  process.once('SIGTERM', () => {
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
