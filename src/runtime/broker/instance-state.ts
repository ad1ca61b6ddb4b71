/**
 * IBM Cloud's `/bluemix_v1/service_instances/:instance_id` (IBM Cloud broker documentation,
 * "Get the current state of the service instance" and "Update the state of a provisioned
 * service instance"). The state is stored with the instance: a disabled instance refuses new
 * bindings (see create-binding.ts), and `services.updateInstanceState` cuts off or restores
 * access.
 */
import { notFound } from '../errors.js';
import type { BrokerContext } from './broker-context.js';
import type {
  GetInstanceStateReply,
  GetInstanceStateRequest,
  InstanceStateBody,
  UpdateInstanceStateReply,
  UpdateInstanceStateRequest,
} from './handler-types.js';
import { isLive } from './resource-records.js';
import type { InstanceTransaction, ServiceInstanceRecord } from './store.js';

/** Answers whether an instance is enabled and active. Throws OsbError 404 for an unknown instance. */
export async function getInstanceState(
  context: BrokerContext,
  request: GetInstanceStateRequest,
): Promise<GetInstanceStateReply> {
  const instanceId = request.params.instance_id;
  const instance = await context.store.withInstance(instanceId, (tx) =>
    requireInstance(tx, instanceId),
  );
  return { status: 200, body: toStateBody(instance) };
}

/**
 * Enables or disables an instance, after `services.updateInstanceState` (when given) has done
 * so for the service; an OsbError it throws leaves the state unchanged. Throws OsbError 404 for
 * an unknown instance.
 */
export async function updateInstanceState(
  context: BrokerContext,
  request: UpdateInstanceStateRequest,
): Promise<UpdateInstanceStateReply> {
  const instanceId = request.params.instance_id;
  const { enabled, initiator_id: initiatorId, reason_code: reasonCode } = request.body;
  const updated = await context.store.withInstance(instanceId, async (tx) => {
    const instance = await requireInstance(tx, instanceId);
    await context.services.updateInstanceState?.({ instance, enabled, initiatorId, reasonCode });
    const next: ServiceInstanceRecord = {
      ...instance,
      enabled,
      updatedAt: new Date().toISOString(),
    };
    await tx.putInstance(next);
    return next;
  });
  return { status: 200, body: toStateBody(updated) };
}

async function requireInstance(
  tx: InstanceTransaction,
  instanceId: string,
): Promise<ServiceInstanceRecord> {
  const instance = await tx.getInstance();
  if (instance === undefined || !isLive(instance)) {
    throw notFound({ description: `Service Instance ${instanceId} does not exist.` });
  }
  return instance;
}

function toStateBody(instance: ServiceInstanceRecord): InstanceStateBody {
  const body: InstanceStateBody = {
    enabled: instance.enabled,
    active: instance.enabled && instance.state !== 'failed',
  };
  if (instance.lastActive !== null) body.last_active = instance.lastActive;
  return body;
}
