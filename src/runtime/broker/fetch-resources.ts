/**
 * `GET /v2/service_instances/:instance_id` ("Fetching a Service Instance") and
 * `GET .../service_bindings/:binding_id` ("Fetching a Service Binding"), both from OSB 2.14.
 */
import { badRequest, concurrencyError, notFound } from '../errors.js';
import type { BrokerContext } from './broker-context.js';
import { findCatalogEntry } from './catalog-plans.js';
import type { CatalogEntry } from './catalog-plans.js';
import type {
  FetchBindingBody,
  FetchBindingReply,
  FetchBindingRequest,
  FetchInstanceBody,
  FetchInstanceReply,
  FetchInstanceRequest,
  MaintenanceInfoBody,
} from './handler-types.js';
import { requireApiVersion } from './request-checks.js';
import { readRequestFacts } from './resource-records.js';
import { checkBindingDetails, toBindingBody, toInstanceBody } from './response-checks.js';
import type { BindingDetails, InstanceMetadata } from './services.js';
import type { ServiceBindingRecord, ServiceInstanceRecord } from './store.js';

/**
 * Answers an instance as stored, with what `services.fetchInstance` adds. Throws OsbError 400
 * (offering without instances_retrievable), 404 (missing, or still being provisioned), 412
 * (before OSB 2.14) and 422 ConcurrencyError (being updated or deleted).
 */
export async function fetchInstance(
  context: BrokerContext,
  request: FetchInstanceRequest,
): Promise<FetchInstanceReply> {
  const { raw } = request;
  const instanceId = request.params.instance_id;
  requireApiVersion(raw, '2.14', 'Fetching a Service Instance');
  const instance = await context.store.withInstance(instanceId, (tx) => tx.getInstance());
  // "Fetching a Service Instance": 404 MUST be returned if the instance does not exist or its
  // provisioning is still in progress; it works as soon as last_operation says succeeded.
  if (instance === undefined || !['ready', 'updating', 'deleting'].includes(instance.state)) {
    throw notFound({ description: `Service Instance ${instanceId} does not exist.` });
  }
  const entry = requireRetrievable(context, instance, 'instances_retrievable', 'Service Instances');
  // "Fetching a Service Instance": 422 ConcurrencyError while the instance is being updated.
  if (instance.state !== 'ready') {
    throw concurrencyError({
      description: `Service Instance ${instanceId} is being ${instance.state === 'updating' ? 'updated' : 'deleted'}.`,
    });
  }
  const view =
    (await context.services.fetchInstance?.({
      service: entry.service,
      plan: entry.plan,
      instance,
      ...readRequestFacts(raw, false),
    })) ?? {};
  const body: FetchInstanceBody = { service_id: instance.serviceId, plan_id: instance.planId };
  const dashboardUrl = view.dashboardUrl ?? instance.dashboardUrl ?? undefined;
  const metadata = view.metadata ?? (instance.metadata as InstanceMetadata | null) ?? undefined;
  Object.assign(body, toInstanceBody({ dashboardUrl, metadata }));
  const parameters = view.parameters ?? instance.parameters;
  if (parameters !== null) body.parameters = parameters;
  const maintenanceInfo = view.maintenanceInfo ?? instance.maintenanceInfo;
  if (maintenanceInfo !== null) body.maintenance_info = maintenanceInfo as MaintenanceInfoBody;
  return { status: 200, body };
}

/**
 * Answers a binding as stored, with what `services.fetchBinding` adds. Throws OsbError 400
 * (offering without bindings_retrievable), 404 (missing, or being created or deleted) and 412
 * (before OSB 2.14), and BrokerOutcomeError when the additions break the binding rules.
 */
export async function fetchBinding(
  context: BrokerContext,
  request: FetchBindingRequest,
): Promise<FetchBindingReply> {
  const { raw } = request;
  const { instance_id: instanceId, binding_id: bindingId } = request.params;
  requireApiVersion(raw, '2.14', 'Fetching a Service Binding');
  const records = await context.store.withInstance(instanceId, async (tx) => ({
    instance: await tx.getInstance(),
    binding: await tx.getBinding(bindingId),
  }));
  const { instance, binding } = records;
  // "Fetching a Service Binding": 404 MUST be returned if the binding does not exist or a
  // binding operation is still in progress.
  if (instance === undefined || binding === undefined || binding.state !== 'ready') {
    throw notFound({ description: `Service Binding ${bindingId} does not exist.` });
  }
  const entry = requireRetrievable(context, binding, 'bindings_retrievable', 'Service Bindings');
  const view =
    (await context.services.fetchBinding?.({
      service: entry.service,
      plan: entry.plan,
      instance,
      binding,
      ...readRequestFacts(raw, false),
    })) ?? {};
  const { parameters: viewParameters, ...viewDetails } = view;
  const stored = fromStoredBinding(binding);
  const details = checkBindingDetails({ ...stored, ...definedOnly(viewDetails) }, entry.service);
  const body: FetchBindingBody = toBindingBody(details);
  const parameters = viewParameters ?? binding.parameters;
  if (parameters !== null) body.parameters = parameters;
  return { status: 200, body };
}

/**
 * The catalog entry of a stored resource; throws OsbError 400 when its offering does not
 * declare `flag` (or left the catalog).
 */
function requireRetrievable(
  context: BrokerContext,
  record: ServiceInstanceRecord | ServiceBindingRecord,
  flag: 'instances_retrievable' | 'bindings_retrievable',
  what: string,
): CatalogEntry {
  // "Fetching a Service Instance" / "Fetching a Service Binding": only offerings that declare
  // the flag support the endpoint; Platforms SHOULD NOT call it otherwise.
  const entry = findCatalogEntry(context.catalog, record.serviceId, record.planId);
  if (entry === undefined || entry.service[flag] !== true) {
    throw badRequest(
      `Service '${record.serviceId}' does not support fetching ${what} (${flag} is not true).`,
    );
  }
  return entry;
}

/** The stored binding response as the service's camelCase details. */
function fromStoredBinding(binding: ServiceBindingRecord): BindingDetails {
  const response = (binding.response ?? {}) as Record<string, unknown>;
  return definedOnly({
    credentials: response['credentials'],
    syslogDrainUrl: response['syslog_drain_url'],
    routeServiceUrl: response['route_service_url'],
    volumeMounts: response['volume_mounts'],
    endpoints: response['endpoints'],
    metadata: response['metadata'],
  }) as BindingDetails;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined),
  ) as Partial<T>;
}
