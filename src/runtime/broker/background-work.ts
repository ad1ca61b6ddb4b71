/**
 * What every change answers when its service chose to work in the background ("Asynchronous
 * Operations"): 422 AsyncRequired unless the platform sent `accepts_incomplete=true` (and then
 * the work never starts); otherwise the operation is stored with the resource's new state, and
 * 202 Accepted carries its `operation`. The work starts only once that has committed.
 */
import { asyncRequired } from '../errors.js';
import type { OsbError } from '../errors.js';
import type { BrokerContext } from './broker-context.js';
import type { CatalogPlan } from './catalog-plans.js';
import type { OperationPayload } from './operation-effects.js';
import type { OperationRunner } from './operation-runner.js';
import { createOperationId, createOperationRecord } from './resource-records.js';
import type { Decision } from './resource-records.js';
import { checkBackgroundWork, checkOperationId } from './response-checks.js';
import type { InBackground } from './services.js';
import type { InstanceTransaction, OperationType } from './store.js';

/** The operation a change starts, and how to answer and record it. */
export interface BackgroundChange<Body extends object> {
  outcome: InBackground<unknown>;
  /** Whether the platform accepts a 202. */
  accepts: boolean;
  /** The refusal without `accepts_incomplete` (default: a plain 422 AsyncRequired). */
  refusal?: OsbError | undefined;
  type: OperationType;
  instanceId: string;
  bindingId: string | null;
  fingerprint: string;
  /** The plan the operation runs under, for its maximum_polling_duration. */
  plan: CatalogPlan | undefined;
  payload: OperationPayload;
  /** The answer's fields besides `operation`; built once the outcome passed its checks. */
  body: () => Body;
  /** Stores the resource in the state the operation puts it in. */
  record: () => Promise<void>;
}

/**
 * Stores the operation of `change` and decides its 202. Throws OsbError 422 AsyncRequired
 * without `accepts_incomplete`, and BrokerOutcomeError for an outcome the specification
 * forbids (no work function, an empty or over-long `operation`, a bad answer field).
 */
export async function acceptBackgroundWork<Body extends object>(
  context: BrokerContext,
  runner: OperationRunner,
  tx: InstanceTransaction,
  change: BackgroundChange<Body>,
): Promise<Decision<{ status: 202; body: Body & { operation: string } }>> {
  const { outcome } = change;
  if (!change.accepts) throw change.refusal ?? asyncRequired();
  checkBackgroundWork(outcome.async);
  const body = change.body();
  const operationId = checkOperationId(outcome.operation) ?? createOperationId(change.type);
  const operation = createOperationRecord(context, {
    operationId,
    instanceId: change.instanceId,
    bindingId: change.bindingId,
    type: change.type,
    fingerprint: change.fingerprint,
    payload: change.payload,
    plan: change.plan,
  });
  await change.record();
  await tx.putOperation(operation);
  return {
    reply: { status: 202, body: { ...body, operation: operationId } },
    start: () => runner.start(operation, outcome.async),
  };
}

/** Whether a service's outcome asks for background work. Throws nothing. */
export function isInBackground<T extends object>(
  outcome: T | void,
): outcome is Extract<T, { async: unknown }> {
  return typeof outcome === 'object' && outcome !== null && 'async' in outcome;
}
