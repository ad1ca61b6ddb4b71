/**
 * What every server in the comparison serves and every load generator sends: one catalog, one
 * set of credentials, one provision request body. Keeping them in one place keeps the servers
 * doing the same work.
 */
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CATALOG_FILE = join(import.meta.dirname, 'catalog.json');

/** @type {{ services: { id: string, plans: { id: string }[] }[] }} */
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
