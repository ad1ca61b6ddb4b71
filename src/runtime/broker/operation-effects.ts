/**
 * What finishing an asynchronous operation does to the stored records, per operation type.
 * Everything it needs is in the operation record (its `payload`), so a request that started
 * the work, a process that resumed it after a restart, or the recovery that gives up on it all
 * finish it the same way. Final states stay stored ("Polling Last Operation": brokers SHOULD NOT
 * forget a final state right after reporting it).
 */
import type { BrokerLogger } from './broker-context.js';
import { BrokerOutcomeError } from './broker-errors.js';
import type { BrokerCatalog } from './catalog-plans.js';
import { findService } from './catalog-plans.js';
import type { PollingLimit } from './polling-deadline.js';
import {
  checkBindingDetails,
  checkInstanceMetadata,
  findErrorFlagProblem,
  toBindingBody,
  toStoredBinding,
} from './response-checks.js';
import type {
  InstanceTransaction,
  JsonObject,
  OperationRecord,
  ResourceState,
  ServiceInstanceRecord,
} from './store.js';

/** How an operation ended, as last_operation will report it. */
export type OperationOutcome =
  { ok: true; value: unknown } | { ok: false; failure: OperationFailure };

/** A failed operation's user-facing description and, for update and deprovision, its flags. */
export interface OperationFailure {
  description: string;
  instanceUsable?: boolean | undefined;
  updateRepeatable?: boolean | undefined;
}

/** The instance fields an asynchronous update applies once it succeeds. */
export interface InstanceChanges {
  planId: string;
  parameters: JsonObject | null;
  context: JsonObject | null;
  maintenanceInfo: JsonObject | null;
  fingerprint: string;
  dashboardUrl: string | null;
  metadata: JsonObject | null;
}

/** What an operation's payload holds besides the author's checkpoint. */
export interface OperationPayload extends PollingLimit {
  /** The request as recorded for `resume`. */
  request: JsonObject;
  /** Update: the changes to apply on success. */
  changes?: InstanceChanges;
  /** Deprovision and unbind: the state to return to if the delete fails. */
  previousState?: ResourceState;
  checkpoint?: JsonObject;
}

export interface EffectDependencies {
  catalog: BrokerCatalog;
  logger: BrokerLogger;
}

/** Finishes `operation` with `outcome`: applies it to the records and stores the final state. */
export async function finishOperation(
  dependencies: EffectDependencies,
  tx: InstanceTransaction,
  operation: OperationRecord,
  outcome: OperationOutcome,
): Promise<void> {
  const now = new Date().toISOString();
  let failure = outcome.ok ? undefined : outcome.failure;
  if (outcome.ok) {
    try {
      await applySuccess(dependencies, tx, operation, outcome.value, now);
    } catch (error) {
      if (!(error instanceof BrokerOutcomeError)) throw error;
      dependencies.logger.error(
        { err: error, operation: operation.operationId, instanceId: operation.instanceId },
        `the ${operation.type} work returned an invalid result`,
      );
      failure = {
        description: `The ${operation.type} failed: the service broker returned an invalid result.`,
      };
    }
  }
  if (failure !== undefined) {
    failure = withAllowedFlags(dependencies, operation, failure);
    await applyFailure(tx, operation, failure, now);
  }
  await tx.putOperation({
    ...operation,
    state: failure === undefined ? 'succeeded' : 'failed',
    description: failure === undefined ? operation.description : failure.description,
    instanceUsable: failure?.instanceUsable ?? null,
    updateRepeatable: failure?.updateRepeatable ?? null,
    owner: null,
    leaseExpiresAt: null,
    updatedAt: now,
  });
}

/** The payload of an operation, as the runtime wrote it. */
export function readPayload(operation: OperationRecord): OperationPayload {
  return operation.payload as unknown as OperationPayload;
}

async function applySuccess(
  dependencies: EffectDependencies,
  tx: InstanceTransaction,
  operation: OperationRecord,
  value: unknown,
  now: string,
): Promise<void> {
  const result = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  const instance = await tx.getInstance();
  if (instance === undefined) return;
  switch (operation.type) {
    case 'provision': {
      const metadata = checkInstanceMetadata(result['metadata']);
      await tx.putInstance({
        ...instance,
        state: 'ready',
        metadata: metadata === undefined ? instance.metadata : (metadata as JsonObject),
        lastActive: Date.parse(now),
        updatedAt: now,
      });
      return;
    }
    case 'update': {
      const metadata = checkInstanceMetadata(result['metadata']);
      const changes = readPayload(operation).changes;
      await tx.putInstance({
        ...applyChanges(instance, changes),
        ...(metadata === undefined ? {} : { metadata: metadata as JsonObject }),
        state: 'ready',
        lastActive: Date.parse(now),
        updatedAt: now,
      });
      return;
    }
    case 'deprovision':
      await deleteInstance(tx, instance, now);
      return;
    case 'bind':
    case 'unbind':
      await applyBindingSuccess(dependencies, tx, operation, instance, value, now);
  }
}

async function applyBindingSuccess(
  dependencies: EffectDependencies,
  tx: InstanceTransaction,
  operation: OperationRecord,
  instance: ServiceInstanceRecord,
  value: unknown,
  now: string,
): Promise<void> {
  const binding =
    operation.bindingId === null ? undefined : await tx.getBinding(operation.bindingId);
  if (binding === undefined) return;
  if (operation.type === 'unbind') {
    await tx.putBinding({ ...binding, state: 'gone', updatedAt: now });
    return;
  }
  const service = findService(dependencies.catalog, binding.serviceId);
  if (service === undefined) {
    throw new BrokerOutcomeError(`service '${binding.serviceId}' is no longer in the catalog`);
  }
  const details = checkBindingDetails(value ?? {}, service);
  await tx.putBinding({
    ...binding,
    state: 'ready',
    response: toStoredBinding(toBindingBody(details)),
    updatedAt: now,
  });
  await tx.putInstance({ ...instance, lastActive: Date.parse(now), updatedAt: now });
}

async function applyFailure(
  tx: InstanceTransaction,
  operation: OperationRecord,
  failure: OperationFailure,
  now: string,
): Promise<void> {
  const payload = readPayload(operation);
  if (operation.bindingId !== null) {
    const binding = await tx.getBinding(operation.bindingId);
    if (binding === undefined) return;
    // A failed bind leaves a failed binding for orphan mitigation; a failed unbind leaves the
    // binding as it was.
    const state = operation.type === 'bind' ? 'failed' : (payload.previousState ?? 'ready');
    await tx.putBinding({ ...binding, state, updatedAt: now });
    return;
  }
  const instance = await tx.getInstance();
  if (instance === undefined) return;
  // "Updating a Service Instance": a failed update applies none of its changes. A failed
  // provision leaves a failed instance, which the platform deletes ("Orphan Mitigation").
  const state: ResourceState =
    operation.type === 'provision'
      ? 'failed'
      : operation.type === 'deprovision'
        ? (payload.previousState ?? 'ready')
        : 'ready';
  await tx.putInstance({ ...instance, state, updatedAt: now });
}

/** The instance with an update's changes applied. */
export function applyChanges(
  instance: ServiceInstanceRecord,
  changes: InstanceChanges | undefined,
): ServiceInstanceRecord {
  if (changes === undefined) return instance;
  return {
    ...instance,
    planId: changes.planId,
    parameters: changes.parameters,
    context: changes.context,
    maintenanceInfo: changes.maintenanceInfo,
    fingerprint: changes.fingerprint,
    dashboardUrl: changes.dashboardUrl,
    metadata: changes.metadata,
  };
}

/** Leaves tombstones for the instance and every binding it still had. */
export async function deleteInstance(
  tx: InstanceTransaction,
  instance: ServiceInstanceRecord,
  now: string,
): Promise<void> {
  await tx.putInstance({ ...instance, state: 'gone', updatedAt: now });
  for (const binding of await tx.listBindings()) {
    if (binding.state !== 'gone')
      await tx.putBinding({ ...binding, state: 'gone', updatedAt: now });
  }
}

function withAllowedFlags(
  dependencies: EffectDependencies,
  operation: OperationRecord,
  failure: OperationFailure,
): OperationFailure {
  const problem = findErrorFlagProblem(
    { instance_usable: failure.instanceUsable, update_repeatable: failure.updateRepeatable },
    operation.type,
  );
  if (problem === undefined) return failure;
  // The operation has already failed; last_operation must still answer, so the flags the
  // specification forbids here are dropped rather than turned into a 500.
  dependencies.logger.warn({ operation: operation.operationId }, problem);
  return {
    description: failure.description,
    ...(operation.type === 'deprovision' ? { instanceUsable: failure.instanceUsable } : {}),
  };
}
