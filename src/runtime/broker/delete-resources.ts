/**
 * `DELETE /v2/service_instances/:instance_id` ("Deprovisioning") and
 * `DELETE .../service_bindings/:binding_id` ("Unbinding").
 *
 * A delete accepted while its resource is still being created "MUST have the net effect of
 * halting the current creation process and beginning the deletion". The runtime ends the
 * creation in the store first (failed: "halted by a delete request", which is what
 * last_operation then reports for it), aborts the creation's work signal and waits for it to
 * stop, and only then calls `deprovision` / `unbind` with `haltedCreation: true`, so the two
 * never run at once in this process. Work running in another process notices at its next lease
 * renewal.
 */
import { asyncRequired, badRequest, concurrencyError, gone } from '../errors.js';
import type { BrokerContext } from './broker-context.js';
import { acceptBackgroundWork, isInBackground } from './background-work.js';
import { asOsbError } from './broker-errors.js';
import { findCatalogEntry } from './catalog-plans.js';
import type {
  DeprovisionReply,
  DeprovisionRequest,
  UnbindReply,
  UnbindRequest,
} from './handler-types.js';
import { deleteInstance } from './operation-effects.js';
import type { OperationRunner } from './operation-runner.js';
import { acceptsIncomplete } from './request-checks.js';
import { isLive, readRequestFacts, settle } from './resource-records.js';
import type { Decision } from './resource-records.js';
import { checkErrorFlags } from './response-checks.js';
import type { DeleteOutcome } from './services.js';
import type { InstanceTransaction, OperationRecord, OperationType } from './store.js';

/** What last_operation reports for a creation a delete has halted. */
export const HALTED_DESCRIPTION = 'The creation was halted by a delete request.';

type DeleteDecision<Reply> = Decision<Reply> & { halt?: OperationRecord };

/**
 * Deprovisions an instance. Throws OsbError 400 (missing or mismatched service_id / plan_id),
 * 410 (no such instance), 422 (AsyncRequired, ConcurrencyError), and BrokerOutcomeError for an
 * outcome the specification forbids.
 */
export async function deprovisionInstance(
  context: BrokerContext,
  runner: OperationRunner,
  request: DeprovisionRequest,
): Promise<DeprovisionReply> {
  const { query, raw } = request;
  const instanceId = request.params.instance_id;
  requireDeleteQuery(query);
  const accepts = acceptsIncomplete(raw, query, 'instance');
  return deleteHaltingCreation(runner, (haltedCreation) =>
    context.store.withInstance(
      instanceId,
      async (tx): Promise<DeleteDecision<DeprovisionReply>> => {
        const instance = await tx.getInstance();
        // "Deprovisioning": 410 Gone MUST be returned if the instance does not exist.
        if (instance === undefined || !isLive(instance)) throw gone();
        if (instance.serviceId !== query.service_id || instance.planId !== query.plan_id) {
          throw badRequest(
            `service_id and plan_id must be '${instance.serviceId}' and '${instance.planId}', those of Service Instance ${instanceId}.`,
          );
        }
        const active = await tx.listActiveOperations();
        const earlier = await answerRunningDelete<DeprovisionReply>(
          tx,
          active,
          null,
          'deprovision',
          accepts,
          haltedCreation,
        );
        if (earlier !== undefined) return earlier;

        const entry = findCatalogEntry(context.catalog, instance.serviceId, instance.planId);
        let outcome: DeleteOutcome;
        try {
          outcome = await context.services.deprovision({
            instanceId,
            serviceId: instance.serviceId,
            planId: instance.planId,
            service: entry?.service,
            plan: entry?.plan,
            instance,
            haltedCreation,
            ...readRequestFacts(raw, accepts),
          });
        } catch (error) {
          const refusal = asOsbError(error);
          if (refusal !== undefined) checkErrorFlags(refusal, 'deprovision');
          throw error;
        }
        if (!isInBackground(outcome)) {
          await deleteInstance(tx, instance, new Date().toISOString());
          return { reply: { status: 200, body: {} } };
        }
        return acceptBackgroundWork(context, runner, tx, {
          outcome,
          accepts,
          type: 'deprovision',
          instanceId,
          bindingId: null,
          fingerprint: '',
          plan: entry?.plan,
          payload: { request: { instanceId, haltedCreation }, previousState: instance.state },
          body: () => ({}),
          record: () =>
            tx.putInstance({ ...instance, state: 'deleting', updatedAt: new Date().toISOString() }),
        });
      },
    ),
  );
}

/**
 * Deletes a binding. Throws OsbError 400 (missing or mismatched service_id / plan_id), 410 (no
 * such binding), 422 (AsyncRequired, ConcurrencyError), and BrokerOutcomeError for an outcome
 * the specification forbids.
 */
export async function unbindBinding(
  context: BrokerContext,
  runner: OperationRunner,
  request: UnbindRequest,
): Promise<UnbindReply> {
  const { query, raw } = request;
  const { instance_id: instanceId, binding_id: bindingId } = request.params;
  requireDeleteQuery(query);
  const accepts = acceptsIncomplete(raw, query, 'binding');
  return deleteHaltingCreation(runner, (haltedCreation) =>
    context.store.withInstance(instanceId, async (tx): Promise<DeleteDecision<UnbindReply>> => {
      const instance = await tx.getInstance();
      const binding = await tx.getBinding(bindingId);
      // "Unbinding": 410 Gone MUST be returned if the binding does not exist.
      if (
        instance === undefined ||
        !isLive(instance) ||
        binding === undefined ||
        !isLive(binding)
      ) {
        throw gone();
      }
      if (binding.serviceId !== query.service_id || binding.planId !== query.plan_id) {
        throw badRequest(
          `service_id and plan_id must be '${binding.serviceId}' and '${binding.planId}', those of Service Binding ${bindingId}.`,
        );
      }
      const active = await tx.listActiveOperations();
      const earlier = await answerRunningDelete<UnbindReply>(
        tx,
        active,
        bindingId,
        'unbind',
        accepts,
        haltedCreation,
      );
      if (earlier !== undefined) return earlier;
      if (instance.state === 'deleting') throw concurrencyError();

      const unbind = context.services.unbind?.bind(context.services);
      const entry = findCatalogEntry(context.catalog, binding.serviceId, binding.planId);
      let outcome: DeleteOutcome;
      try {
        outcome =
          unbind === undefined
            ? undefined
            : await unbind({
                instanceId,
                bindingId,
                serviceId: binding.serviceId,
                planId: binding.planId,
                service: entry?.service,
                plan: entry?.plan,
                instance,
                binding,
                haltedCreation,
                ...readRequestFacts(raw, accepts),
              });
      } catch (error) {
        const refusal = asOsbError(error);
        if (refusal !== undefined) checkErrorFlags(refusal, 'unbind');
        throw error;
      }
      const now = new Date().toISOString();
      if (!isInBackground(outcome)) {
        await tx.putBinding({ ...binding, state: 'gone', updatedAt: now });
        return { reply: { status: 200, body: {} } };
      }
      return acceptBackgroundWork(context, runner, tx, {
        outcome,
        accepts,
        type: 'unbind',
        instanceId,
        bindingId,
        fingerprint: '',
        plan: entry?.plan,
        payload: {
          request: { instanceId, bindingId, haltedCreation },
          previousState: binding.state,
        },
        body: () => ({}),
        record: () => tx.putBinding({ ...binding, state: 'deleting', updatedAt: now }),
      });
    }),
  );
}

/** Runs `decide` once, or twice when the first run halted a creation. */
async function deleteHaltingCreation<Reply>(
  runner: OperationRunner,
  decide: (haltedCreation: boolean) => Promise<DeleteDecision<Reply>>,
): Promise<Reply> {
  const first = await decide(false);
  if (first.halt === undefined) return settle(first);
  await runner.halt(first.halt);
  const second = await decide(true);
  if (second.halt !== undefined) throw concurrencyError();
  return settle(second);
}

/**
 * The answer when an operation already runs on the resource: 202 for a re-sent delete, a halt
 * for a creation, 422 ConcurrencyError for anything else; undefined when nothing runs.
 */
async function answerRunningDelete<Reply>(
  tx: InstanceTransaction,
  active: OperationRecord[],
  bindingId: string | null,
  type: OperationType,
  accepts: boolean,
  haltedCreation: boolean,
): Promise<DeleteDecision<Reply> | undefined> {
  const own = active.filter((op) => op.bindingId === bindingId);
  const deleting = own.find((op) => op.type === type);
  if (deleting !== undefined) {
    // "Deprovisioning" / "Unbinding": a re-sent DELETE MUST get 202 with the original
    // operation until the delete has completed.
    if (!accepts) throw asyncRequired();
    return { reply: { status: 202, body: { operation: deleting.operationId } } as Reply };
  }
  const creating = own.find((op) => op.type === (type === 'deprovision' ? 'provision' : 'bind'));
  // An instance's creation runs alone; a binding's may run beside other bindings' operations.
  const others = (bindingId === null ? active : own).filter((op) => op !== creating);
  if (creating !== undefined && others.length === 0 && !haltedCreation) {
    const now = new Date().toISOString();
    await tx.putOperation({
      ...creating,
      state: 'failed',
      description: HALTED_DESCRIPTION,
      owner: null,
      leaseExpiresAt: null,
      updatedAt: now,
    });
    if (bindingId === null) {
      const instance = await tx.getInstance();
      if (instance) await tx.putInstance({ ...instance, state: 'failed', updatedAt: now });
    } else {
      const binding = await tx.getBinding(bindingId);
      if (binding) await tx.putBinding({ ...binding, state: 'failed', updatedAt: now });
    }
    return { halt: creating };
  }
  // "Deprovisioning" / "Unbinding": 422 ConcurrencyError while another operation runs.
  if (own.length > 0 || (bindingId === null && active.length > 0)) throw concurrencyError();
  return undefined;
}

function requireDeleteQuery(query: { service_id?: string; plan_id?: string }): void {
  // "Deprovisioning" / "Unbinding": service_id and plan_id are REQUIRED query parameters.
  if (!query.service_id || !query.plan_id) {
    throw badRequest('The query parameters service_id and plan_id are required.');
  }
}
