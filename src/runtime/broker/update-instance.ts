/**
 * `PATCH /v2/service_instances/:instance_id` ("Updating a Service Instance").
 */
import { asyncRequired, badRequest, concurrencyError, OsbError } from '../errors.js';
import type { BrokerContext } from './broker-context.js';
import { acceptBackgroundWork, isInBackground } from './background-work.js';
import { asOsbError } from './broker-errors.js';
import { findCatalogEntry, isPlanUpdateable } from './catalog-plans.js';
import type { CatalogEntry } from './catalog-plans.js';
import type { UpdateReply, UpdateRequest } from './handler-types.js';
import { fingerprintInstance, fingerprintUpdate } from './idempotency.js';
import { applyChanges } from './operation-effects.js';
import type { InstanceChanges } from './operation-effects.js';
import type { OperationRunner } from './operation-runner.js';
import {
  acceptsIncomplete,
  checkMaintenanceInfo,
  checkParameters,
  requireCatalogEntry,
  requireService,
  toJsonObject,
} from './request-checks.js';
import {
  isLive,
  readRequestFacts,
  settle,
  toRecordedRequest,
  toInstanceResponse,
  toStoredJson,
} from './resource-records.js';
import type { Decision } from './resource-records.js';
import { checkErrorFlags, toInstanceBody } from './response-checks.js';
import type { UpdateInput } from './services.js';
import type { InstanceTransaction, JsonObject, ServiceInstanceRecord } from './store.js';

/**
 * Updates an instance. Throws OsbError 400 (unknown instance, catalog, parameters) and 422
 * (plan not updateable, context updates not allowed, AsyncRequired, MaintenanceInfoConflict,
 * ConcurrencyError), and BrokerOutcomeError for an outcome the specification forbids.
 */
export async function updateInstance(
  context: BrokerContext,
  runner: OperationRunner,
  request: UpdateRequest,
): Promise<UpdateReply> {
  const { body, raw } = request;
  const instanceId = request.params.instance_id;
  requireService(context.catalog, body.service_id);
  if (body.plan_id !== undefined)
    requireCatalogEntry(context.catalog, body.service_id, body.plan_id);
  const accepts = acceptsIncomplete(raw, request.query, 'instance');
  const fingerprint = fingerprintUpdate(body);

  const decision = await context.store.withInstance(
    instanceId,
    async (tx): Promise<Decision<UpdateReply>> => {
      const found = await findUpdatableInstance(tx, instanceId, body, fingerprint, accepts);
      if ('reply' in found) return found;
      const { instance } = found;

      const target = requireCatalogEntry(
        context.catalog,
        instance.serviceId,
        body.plan_id ?? instance.planId,
      );
      const current = findCatalogEntry(context.catalog, instance.serviceId, instance.planId);
      const maintenanceInfo = body.maintenance_info && { version: body.maintenance_info.version };
      const parameters = toJsonObject(body.parameters);
      checkUpdate(request, instance, target, current);
      checkMaintenanceInfo(target.plan, maintenanceInfo);
      if (parameters !== undefined)
        checkParameters(context, raw, target.plan, 'update', parameters);
      const planChanged = target.plan.id !== instance.planId;
      if (
        !planChanged &&
        parameters === undefined &&
        maintenanceInfo === undefined &&
        body.context === undefined
      ) {
        // Nothing to change: "200 OK MAY be returned if the request's changes have had no effect".
        return { reply: { status: 200, body: {} } };
      }
      const update = context.services.update?.bind(context.services);
      if (update === undefined) {
        throw new OsbError(422, {
          description: 'This service broker does not support updating Service Instances.',
          instance_usable: true,
          update_repeatable: false,
        });
      }
      const input: UpdateInput = {
        instanceId,
        serviceId: instance.serviceId,
        service: target.service,
        plan: target.plan,
        planId: target.plan.id,
        previousPlanId: instance.planId,
        instance,
        parameters,
        context: toJsonObject(body.context),
        maintenanceInfo,
        previousValues: toJsonObject(body.previous_values),
        ...readRequestFacts(raw, accepts),
      };
      let outcome: Awaited<ReturnType<typeof update>>;
      try {
        outcome = await update(input);
      } catch (error) {
        // "Updating a Service Instance": a 4xx or 5xx applies none of the requested changes.
        const refusal = asOsbError(error);
        if (refusal !== undefined) checkErrorFlags(refusal, 'update');
        throw error;
      }
      const changes = (result: object): InstanceChanges =>
        computeChanges(instance, target, body, parameters, maintenanceInfo !== undefined, result);

      if (!isInBackground(outcome)) {
        const now = new Date();
        const applied = { lastActive: now.getTime(), updatedAt: now.toISOString() };
        try {
          const answer = toInstanceBody(outcome);
          await tx.putInstance({ ...applyChanges(instance, changes(outcome)), ...applied });
          return { reply: { status: 200, body: answer } };
        } catch (error) {
          // The service has applied the update; the store records it, the platform gets 500.
          await tx.putInstance({ ...applyChanges(instance, changes({})), ...applied });
          return { bug: error };
        }
      }
      return acceptBackgroundWork(context, runner, tx, {
        outcome,
        accepts,
        type: 'update',
        instanceId,
        bindingId: null,
        fingerprint,
        plan: target.plan,
        payload: { request: toRecordedRequest(input), changes: changes(outcome) },
        body: () => toInstanceBody(outcome),
        record: () =>
          tx.putInstance({ ...instance, state: 'updating', updatedAt: new Date().toISOString() }),
      });
    },
  );
  return settle(decision);
}

/**
 * The instance an update changes, or the answer when an update already runs: 202 with its
 * operation for a re-sent one. Throws OsbError 400 (unknown instance, other offering) and 422
 * (AsyncRequired, ConcurrencyError, a failed instance).
 */
async function findUpdatableInstance(
  tx: InstanceTransaction,
  instanceId: string,
  body: UpdateRequest['body'],
  fingerprint: string,
  accepts: boolean,
): Promise<{ instance: ServiceInstanceRecord } | { reply: UpdateReply }> {
  const instance = await tx.getInstance();
  if (instance === undefined || !isLive(instance)) {
    throw badRequest(`Service Instance ${instanceId} does not exist.`);
  }
  if (instance.serviceId !== body.service_id) {
    throw badRequest(
      `service_id must be '${instance.serviceId}', the Service Instance's offering.`,
    );
  }
  const active = await tx.listActiveOperations();
  const resent = active.find(
    (op) => op.bindingId === null && op.type === 'update' && op.fingerprint === fingerprint,
  );
  if (resent !== undefined) {
    // "Updating a Service Instance": a re-sent PATCH MUST get 202, with the original
    // operation, until the update has completed.
    if (!accepts) throw asyncRequired();
    const body = { ...toInstanceResponse(instance), operation: resent.operationId };
    return { reply: { status: 202, body } };
  }
  if (instance.state === 'failed') {
    throw new OsbError(422, {
      description: `Service Instance ${instanceId} failed to provision and cannot be updated; delete it.`,
      instance_usable: false,
      update_repeatable: false,
    });
  }
  // "Blocking Operations": one operation at a time on an instance and its bindings.
  if (active.length > 0 || instance.state !== 'ready') throw concurrencyError();
  return { instance };
}

/** Throws OsbError 422 for a plan change or a context-only update the catalog does not allow. */
function checkUpdate(
  request: UpdateRequest,
  instance: ServiceInstanceRecord,
  target: CatalogEntry,
  current: CatalogEntry | undefined,
): void {
  const { body } = request;
  // "Updating a Service Instance": a plan change only when plan_updateable is true for the
  // instance's plan (the plan's flag overriding the offering's).
  if (target.plan.id !== instance.planId && !isPlanUpdateable(current ?? target)) {
    throw new OsbError(422, {
      description: `The plan of Service Instance ${instance.instanceId} cannot be changed: plan '${instance.planId}' is not plan_updateable.`,
      instance_usable: true,
      update_repeatable: false,
    });
  }
  // "Updating a Service Instance": an update carrying only context needs
  // allow_context_updates on the offering.
  const contextOnly =
    body.context !== undefined &&
    (body.plan_id === undefined || body.plan_id === instance.planId) &&
    body.parameters === undefined &&
    body.maintenance_info === undefined;
  if (contextOnly && target.service.allow_context_updates !== true) {
    throw new OsbError(422, {
      description: `Service '${target.service.id}' does not accept context-only updates (allow_context_updates is not true).`,
      instance_usable: true,
      update_repeatable: false,
    });
  }
}

function computeChanges(
  instance: ServiceInstanceRecord,
  target: CatalogEntry,
  body: UpdateRequest['body'],
  parameters: JsonObject | undefined,
  maintenanceRequested: boolean,
  outcome: { dashboardUrl?: unknown; metadata?: unknown },
): InstanceChanges {
  const planChanged = target.plan.id !== instance.planId;
  // Parameters the user did not send stay as they were; sent ones replace theirs.
  const merged =
    parameters === undefined ? instance.parameters : { ...instance.parameters, ...parameters };
  const contextValue = toJsonObject(body.context) ?? instance.context;
  const maintenanceInfo =
    maintenanceRequested || planChanged
      ? target.plan.maintenance_info
        ? toStoredJson(target.plan.maintenance_info)
        : null
      : instance.maintenanceInfo;
  return {
    planId: target.plan.id,
    parameters: merged,
    context: contextValue,
    maintenanceInfo,
    fingerprint: fingerprintInstance({
      service_id: instance.serviceId,
      plan_id: target.plan.id,
      context: contextValue ?? undefined,
      organization_guid: instance.organizationGuid ?? undefined,
      space_guid: instance.spaceGuid ?? undefined,
      parameters: merged ?? undefined,
    }),
    dashboardUrl:
      typeof outcome.dashboardUrl === 'string' ? outcome.dashboardUrl : instance.dashboardUrl,
    metadata:
      typeof outcome.metadata === 'object' && outcome.metadata !== null
        ? toStoredJson(outcome.metadata)
        : instance.metadata,
  };
}
