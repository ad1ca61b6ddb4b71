/**
 * A file written into the generated broker project before it compiles: it uses the generated
 * client as an application would, and each `@ts-expect-error` proves that the types refuse a
 * mistake. It is compiled, never run.
 */
export const TYPED_USAGE = `
import { bindClient, createClient, fetchServiceInstance, getCatalog, provisionServiceInstance } from './client/client.js';
import type { ProvisionServiceInstanceError } from './client/client.js';
import {
  deprovisionServiceInstanceAndWait,
  originatingIdentity,
  provisionServiceInstanceAndWait,
} from './client/broker.js';
import { isApiError } from './client/runtime/index.js';

export async function useTheClient(): Promise<string[]> {
  const client = createClient({
    baseUrl: 'https://broker.example.com',
    authentication: { basic: { username: 'admin', password: 'secret' } },
    brokerApiVersion: '2.12',
    originatingIdentity: originatingIdentity('cloudfoundry', { user_id: 'u-1' }),
  });
  const catalog = await getCatalog(client);
  const names: string[] = catalog.body.services.map((service) => service.name);

  const provisioned = await provisionServiceInstance(client, {
    path: { instance_id: 'i-1' },
    query: { accepts_incomplete: true },
    body: { service_id: 's', plan_id: 'p' },
  });
  if (provisioned.status === 202) {
    const operation: string | null | undefined = provisioned.body.operation;
    names.push(operation ?? '');
  }
  // @ts-expect-error 204 is not a status provision declares a success.
  if (provisioned.status === 204) names.push('never');

  // @ts-expect-error The instance ID is required.
  await fetchServiceInstance(client, { path: {} });
  // @ts-expect-error The helper sends accepts_incomplete itself.
  await provisionServiceInstanceAndWait(client, { path: { instance_id: 'i' }, query: { accepts_incomplete: false }, body: { service_id: 's', plan_id: 'p' } });
  // @ts-expect-error A deprovision needs service_id and plan_id.
  await deprovisionServiceInstanceAndWait(client, { path: { instance_id: 'i' } });

  const deleted = await deprovisionServiceInstanceAndWait(client, {
    path: { instance_id: 'i-1' },
    query: { service_id: 's', plan_id: 'p' },
  });
  const status: 200 | 202 | 410 = deleted.result.status;
  names.push(String(status), deleted.lastOperation?.outcome ?? 'synchronous');

  try {
    await provisionServiceInstance(client, { path: { instance_id: 'i-2' }, body: { service_id: 's', plan_id: 'p' } });
  } catch (error) {
    if (isApiError<ProvisionServiceInstanceError>(error, 409)) {
      const description: string | undefined = error.body.description;
      names.push(description ?? error.description ?? String(error.status));
    }
  }

  const api = bindClient(client);
  const again = await api.getCatalog();
  names.push(again.body.services[0]?.id ?? '');
  // @ts-expect-error Bound methods take no client.
  await api.fetchServiceInstance(client, { path: { instance_id: 'i-1' } });
  return names;
}
`;
