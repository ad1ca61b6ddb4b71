/**
 * `PUT /v2/service_instances/:instance_id/service_bindings/:binding_id` ("Binding").
 */
import { asyncRequired, badRequest, concurrencyError, OsbError } from '../errors.js';
import type { BrokerContext } from './broker-context.js';
import { acceptBackgroundWork, isInBackground } from './background-work.js';
import { asOsbError } from './broker-errors.js';
import { isPlanBindable } from './catalog-plans.js';
import type { CatalogEntry } from './catalog-plans.js';
import type { BindReply, BindRequest, BindingResponseBody } from './handler-types.js';
import { decideRepeatedCreate, fingerprintBinding } from './idempotency.js';
import type { OperationRunner } from './operation-runner.js';
import {
  acceptsIncomplete,
  checkParameters,
  requireCatalogEntry,
  toJsonObject,
} from './request-checks.js';
import {
  createBindingRecord,
  isLive,
  readRequestFacts,
  settle,
  toRecordedRequest,
} from './resource-records.js';
import type { Decision } from './resource-records.js';
import {
  checkAsyncBindOutcome,
  checkBindingDetails,
  checkErrorFlags,
  toBindingBody,
  toStoredBinding,
} from './response-checks.js';
import type { BindInput, BindOutcome } from './services.js';
import type { InstanceTransaction, ServiceBindingRecord, ServiceInstanceRecord } from './store.js';

/**
 * Creates a binding, or answers a repeat from the store. Throws OsbError 400 (catalog, plan not
 * bindable, rotation, parameters, unknown instance), 409 (different parameters) and 422
 * (AsyncRequired, ConcurrencyError, a disabled IBM Cloud instance), and BrokerOutcomeError for
 * an outcome the specification forbids.
 */
export async function createBinding(
  context: BrokerContext,
  runner: OperationRunner,
  request: BindRequest,
): Promise<BindReply> {
  const { body, raw } = request;
  const { instance_id: instanceId, binding_id: bindingId } = request.params;
  const entry = requireCatalogEntry(context.catalog, body.service_id, body.plan_id);
  checkBindable(entry, body.predecessor_binding_id);
  const parameters = toJsonObject(body.parameters) ?? {};
  checkParameters(context, raw, entry.plan, 'bind', parameters);
  // "Binding": asynchronous bindings exist from OSB 2.14; older platforms get synchronous ones.
  const accepts = acceptsIncomplete(raw, request.query, 'binding');
  const fingerprint = fingerprintBinding(body);
  const bind = context.services.bind?.bind(context.services);
  if (bind === undefined) throw badRequest(`Plan '${entry.plan.id}' is not bindable.`);

  const decision = await context.store.withInstance(
    instanceId,
    async (tx): Promise<Decision<BindReply>> => {
      const instance = await requireBindableInstance(tx, instanceId, body);
      const existing = await tx.getBinding(bindingId);
      if (existing !== undefined && isLive(existing)) {
        // "Binding" response: 200 identical and complete, 202 with the same operation while it
        // is being created, 409 for different parameters.
        const repeat = decideRepeatedCreate(
          {
            state: existing.state,
            fingerprint: existing.fingerprint,
            latest: await tx.getLatestOperation(bindingId),
          },
          fingerprint,
          accepts,
          `Service Binding ${bindingId}`,
        );
        if (repeat.kind === 'complete') {
          return { reply: { status: 200, body: (existing.response ?? {}) as BindingResponseBody } };
        }
        return { reply: { status: 202, body: { operation: repeat.operation.operationId } } };
      }
      // "Blocking Operations": no binding while the instance is created, updated or deleted.
      if (instance.state !== 'ready') throw concurrencyError();
      const predecessor = await findPredecessor(tx, body.predecessor_binding_id);

      const input: BindInput = {
        instanceId,
        bindingId,
        serviceId: entry.service.id,
        planId: entry.plan.id,
        service: entry.service,
        plan: entry.plan,
        instance,
        parameters,
        context: toJsonObject(body.context),
        bindResource: toJsonObject(body.bind_resource),
        appGuid: readAppGuid(body),
        predecessor,
        ...readRequestFacts(raw, accepts),
      };
      const record = (state: ServiceBindingRecord['state'], response: BindingResponseBody | null) =>
        createBindingRecord({
          instanceId,
          bindingId,
          serviceId: entry.service.id,
          planId: entry.plan.id,
          fingerprint,
          parameters: toJsonObject(body.parameters) ?? null,
          context: toJsonObject(body.context) ?? null,
          response: response === null ? null : toStoredBinding(response),
          state,
        });

      let outcome: BindOutcome;
      try {
        outcome = await bind(input);
      } catch (error) {
        const refusal = asOsbError(error);
        if (refusal === undefined) {
          // Keep a failed binding so that the platform's orphan-mitigation unbind reaches the
          // service ("Orphan Mitigation").
          await tx.putBinding(record('failed', null));
          return { bug: error };
        }
        checkErrorFlags(refusal, 'bind');
        throw refusal;
      }

      if (!isInBackground(outcome)) {
        try {
          const answer = toBindingBody(checkBindingDetails(outcome, entry.service));
          await tx.putBinding(record('ready', answer));
          await tx.putInstance({
            ...instance,
            lastActive: Date.now(),
            updatedAt: new Date().toISOString(),
          });
          return { reply: { status: 201, body: answer } };
        } catch (error) {
          await tx.putBinding(record('failed', null));
          return { bug: error };
        }
      }
      // "Binding" 202: no credentials or other binding data in the answer.
      checkAsyncBindOutcome(withoutAsyncFields(outcome), entry.service);
      return acceptBackgroundWork(context, runner, tx, {
        outcome,
        accepts,
        refusal: asyncRequired({
          description:
            'This Service Instance requires client support for asynchronous binding operations; retry with accepts_incomplete=true.',
        }),
        type: 'bind',
        instanceId,
        bindingId,
        fingerprint,
        plan: entry.plan,
        payload: {
          request: toRecordedRequest({
            ...input,
            predecessorBindingId: body.predecessor_binding_id,
          }),
        },
        body: () => ({}),
        record: () => tx.putBinding(record('creating', null)),
      });
    },
  );
  return settle(decision);
}

/** Throws OsbError 400 for a plan that is not bindable or not rotatable when asked to rotate. */
function checkBindable(entry: CatalogEntry, predecessorBindingId: string | undefined): void {
  // "Binding": only plans with bindable true (the plan's flag overriding the offering's) may be
  // bound; Platforms MUST NOT send bind requests for others.
  if (!isPlanBindable(entry)) throw badRequest(`Plan '${entry.plan.id}' is not bindable.`);
  // "Binding Rotation": predecessor_binding_id only for plans with binding_rotatable true.
  if (predecessorBindingId !== undefined && entry.plan.binding_rotatable !== true) {
    throw badRequest(
      `Plan '${entry.plan.id}' is not binding_rotatable, so predecessor_binding_id is not allowed.`,
    );
  }
}

/**
 * The instance a bind names; throws OsbError 400 when it does not exist or has another plan,
 * 422 when it failed or is disabled.
 */
async function requireBindableInstance(
  tx: InstanceTransaction,
  instanceId: string,
  body: BindRequest['body'],
): Promise<ServiceInstanceRecord> {
  const instance = await tx.getInstance();
  if (instance === undefined || !isLive(instance)) {
    throw badRequest(`Service Instance ${instanceId} does not exist.`);
  }
  if (instance.serviceId !== body.service_id || instance.planId !== body.plan_id) {
    throw badRequest(
      `service_id and plan_id must be '${instance.serviceId}' and '${instance.planId}', those of Service Instance ${instanceId}.`,
    );
  }
  if (instance.state === 'failed') {
    throw new OsbError(422, {
      description: `Service Instance ${instanceId} failed to provision and cannot be bound.`,
    });
  }
  // IBM Cloud: a bind request for a disabled instance must be rejected with a user-facing
  // description (any status but 204).
  if (!instance.enabled) {
    throw new OsbError(422, {
      description: `Service Instance ${instanceId} is disabled, so it cannot be bound. Enable it again (for example by settling the account), then retry.`,
    });
  }
  return instance;
}

/** The live, unexpired binding a rotation names; throws OsbError 400 otherwise. */
async function findPredecessor(
  tx: InstanceTransaction,
  predecessorBindingId: string | undefined,
): Promise<ServiceBindingRecord | undefined> {
  if (predecessorBindingId === undefined) return undefined;
  // "Binding Rotation": predecessor_binding_id MUST be the ID of a non-expired binding of the
  // same Service Instance.
  const predecessor = await tx.getBinding(predecessorBindingId);
  if (predecessor === undefined || predecessor.state !== 'ready') {
    throw badRequest(
      `predecessor_binding_id '${predecessorBindingId}' is not a binding of this Service Instance.`,
    );
  }
  const metadata = predecessor.response?.['metadata'];
  const expiresAt =
    typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata)
      ? metadata['expires_at']
      : undefined;
  if (typeof expiresAt === 'string' && Date.parse(expiresAt) <= Date.now()) {
    throw badRequest(`Service Binding ${predecessorBindingId} has expired and cannot be rotated.`);
  }
  return predecessor;
}

function readAppGuid(body: BindRequest['body']): string | undefined {
  const fromResource = body.bind_resource?.['app_guid'];
  return typeof fromResource === 'string' ? fromResource : body.app_guid;
}

function withoutAsyncFields(outcome: object): object {
  const rest: Record<string, unknown> = { ...outcome };
  delete rest['async'];
  delete rest['operation'];
  return rest;
}
