/**
 * `PUT /v2/service_instances/:instance_id` ("Provisioning").
 */
import type { BrokerContext } from './broker-context.js';
import { acceptBackgroundWork, isInBackground } from './background-work.js';
import { asOsbError } from './broker-errors.js';
import type { ProvisionReply, ProvisionRequest } from './handler-types.js';
import { decideRepeatedCreate, fingerprintInstance } from './idempotency.js';
import type { OperationRunner } from './operation-runner.js';
import {
  acceptsIncomplete,
  checkMaintenanceInfo,
  checkParameters,
  requireCatalogEntry,
  toJsonObject,
} from './request-checks.js';
import {
  createInstanceRecord,
  isLive,
  readRequestFacts,
  settle,
  toRecordedRequest,
  toInstanceResponse,
  toStoredJson,
} from './resource-records.js';
import type { Decision } from './resource-records.js';
import { checkErrorFlags, toInstanceBody } from './response-checks.js';
import type { ProvisionInput } from './services.js';
import type { JsonObject, ServiceInstanceRecord } from './store.js';

/**
 * Provisions an instance, or answers a repeat from the store. Throws OsbError 400 (catalog,
 * parameters), 409 (different attributes), 422 (AsyncRequired, MaintenanceInfoConflict,
 * ConcurrencyError), and BrokerOutcomeError for an outcome the specification forbids.
 */
export async function provisionInstance(
  context: BrokerContext,
  runner: OperationRunner,
  request: ProvisionRequest,
): Promise<ProvisionReply> {
  const { body, raw } = request;
  const instanceId = request.params.instance_id;
  const { service, plan } = requireCatalogEntry(context.catalog, body.service_id, body.plan_id);
  const maintenanceInfo = body.maintenance_info && { version: body.maintenance_info.version };
  checkMaintenanceInfo(plan, maintenanceInfo);
  const parameters = toJsonObject(body.parameters) ?? {};
  checkParameters(context, raw, plan, 'provision', parameters);
  const accepts = acceptsIncomplete(raw, request.query, 'instance');
  const fingerprint = fingerprintInstance(body);
  const input: ProvisionInput = {
    instanceId,
    serviceId: service.id,
    planId: plan.id,
    service,
    plan,
    parameters,
    context: toJsonObject(body.context),
    // IBM Cloud, and OSB 2.12 platforms, omit the deprecated organization and space GUIDs.
    organizationGuid: body.organization_guid,
    spaceGuid: body.space_guid,
    maintenanceInfo,
    ...readRequestFacts(raw, accepts),
  };
  const record = (state: ServiceInstanceRecord['state'], outcome: object): ServiceInstanceRecord =>
    createInstanceRecord({
      instanceId,
      serviceId: service.id,
      planId: plan.id,
      fingerprint,
      parameters: toJsonObject(body.parameters) ?? null,
      context: toJsonObject(body.context) ?? null,
      organizationGuid: body.organization_guid ?? null,
      spaceGuid: body.space_guid ?? null,
      maintenanceInfo: plan.maintenance_info ? toStoredJson(plan.maintenance_info) : null,
      dashboardUrl: readString(outcome, 'dashboardUrl'),
      metadata: readObject(outcome, 'metadata'),
      state,
    });

  const decision = await context.store.withInstance(
    instanceId,
    async (tx): Promise<Decision<ProvisionReply>> => {
      const existing = await tx.getInstance();
      if (existing !== undefined && isLive(existing)) {
        // "Provisioning" response: 200 identical and complete, 202 with the same operation
        // while it runs, 409 for different attributes.
        const repeat = decideRepeatedCreate(
          {
            state: existing.state,
            fingerprint: existing.fingerprint,
            latest: await tx.getLatestOperation(null),
          },
          fingerprint,
          accepts,
          `Service Instance ${instanceId}`,
        );
        const answer = toInstanceResponse(existing);
        if (repeat.kind === 'complete') return { reply: { status: 200, body: answer } };
        return {
          reply: { status: 202, body: { ...answer, operation: repeat.operation.operationId } },
        };
      }

      let outcome: Awaited<ReturnType<typeof context.services.provision>>;
      try {
        outcome = await context.services.provision(input);
      } catch (error) {
        const refusal = asOsbError(error);
        if (refusal === undefined) {
          // Whatever the service built is unknown: keep a failed instance so that the
          // platform's orphan-mitigation delete reaches deprovision ("Orphan Mitigation").
          await tx.putInstance(record('failed', {}));
          return { bug: error };
        }
        checkErrorFlags(refusal, 'provision');
        throw refusal;
      }

      if (!isInBackground(outcome)) {
        try {
          const answer = toInstanceBody(outcome);
          await tx.putInstance(record('ready', outcome));
          return { reply: { status: 201, body: answer } };
        } catch (error) {
          await tx.putInstance(record('failed', {}));
          return { bug: error };
        }
      }

      // "Provisioning": dashboard_url comes with the first answer, even an asynchronous one.
      return acceptBackgroundWork(context, runner, tx, {
        outcome,
        accepts,
        type: 'provision',
        instanceId,
        bindingId: null,
        fingerprint,
        plan,
        payload: { request: toRecordedRequest(input) },
        body: () => toInstanceBody(outcome),
        record: () => tx.putInstance(record('creating', outcome)),
      });
    },
  );
  return settle(decision);
}

function readString(outcome: object, key: string): string | null {
  const value = (outcome as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : null;
}

function readObject(outcome: object, key: string): JsonObject | null {
  const value = (outcome as Record<string, unknown>)[key];
  return typeof value === 'object' && value !== null ? toStoredJson(value) : null;
}
