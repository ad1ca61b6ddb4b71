/**
 * `GET .../last_operation` for instances ("Polling Last Operation for Service Instances") and
 * bindings ("Polling Last Operation for Service Bindings", from OSB 2.14).
 *
 * Answers come from the stored operation, never from the service, so they survive restarts
 * and stay the same when asked again. `plan_id` and `service_id` in the query are hints and
 * are not checked: after a plan change the platform still sends the old plan.
 */
import { badRequest, gone, notFound } from '../errors.js';
import type { BrokerContext } from './broker-context.js';
import type {
  LastOperationBody,
  PollBindingReply,
  PollBindingRequest,
  PollInstanceReply,
  PollInstanceRequest,
} from './handler-types.js';
import { requireApiVersion } from './request-checks.js';
import type {
  InstanceTransaction,
  OperationRecord,
  OperationType,
  ResourceState,
} from './store.js';

/** A resource and the operation a poll asks about, read under the lock. */
interface PolledResource {
  state: ResourceState | undefined;
  operation: OperationRecord | undefined;
  latest: OperationRecord | undefined;
}

/**
 * Reports an instance's operation. Throws OsbError 400 (unknown `operation`), 404 (unknown
 * instance) and 410 (deleted by an asynchronous deprovision).
 */
export async function pollInstanceOperation(
  context: BrokerContext,
  request: PollInstanceRequest,
): Promise<PollInstanceReply> {
  const instanceId = request.params.instance_id;
  const polled = await context.store.withInstance(instanceId, async (tx) =>
    readPolled(tx, null, request.query.operation, async () => (await tx.getInstance())?.state),
  );
  return answerPoll(
    context,
    polled,
    'deprovision',
    `Service Instance ${instanceId}`,
    request.query.operation,
  );
}

/**
 * Reports a binding's operation. Throws OsbError 400 (unknown `operation`), 404 (unknown
 * binding), 410 (deleted by an asynchronous unbind) and 412 (before OSB 2.14).
 */
export async function pollBindingOperation(
  context: BrokerContext,
  request: PollBindingRequest,
): Promise<PollBindingReply> {
  const { instance_id: instanceId, binding_id: bindingId } = request.params;
  // Asynchronous bindings, and so their last_operation, exist from OSB 2.14.
  requireApiVersion(request.raw, '2.14', 'Polling the last operation of a Service Binding');
  const polled = await context.store.withInstance(instanceId, async (tx) =>
    readPolled(
      tx,
      bindingId,
      request.query.operation,
      async () => (await tx.getBinding(bindingId))?.state,
    ),
  );
  const reply = answerPoll(
    context,
    polled,
    'unbind',
    `Service Binding ${bindingId}`,
    request.query.operation,
  );
  // "Polling Last Operation for Service Bindings" defines only state and description.
  const body: LastOperationBody = { ...reply.body };
  delete body.instance_usable;
  delete body.update_repeatable;
  return { ...reply, body };
}

async function readPolled(
  tx: InstanceTransaction,
  bindingId: string | null,
  operationId: string | undefined,
  readState: () => Promise<ResourceState | undefined>,
): Promise<PolledResource> {
  const latest = await tx.getLatestOperation(bindingId);
  const operation =
    operationId === undefined ? latest : await tx.getOperation(bindingId, operationId);
  return { state: await readState(), operation, latest };
}

function answerPoll(
  context: BrokerContext,
  polled: PolledResource,
  deleteType: OperationType,
  noun: string,
  operationId: string | undefined,
): { status: 200; body: LastOperationBody; headers?: Record<string, string> } {
  const { state, operation, latest } = polled;
  // "Polling Last Operation": 404 MUST be returned if the resource does not exist.
  if (state === undefined) throw notFound({ description: `${noun} does not exist.` });
  if (state === 'gone') {
    // 410 Gone is "appropriate only for asynchronous delete operations": once one completed,
    // the platform forgets the resource. Any other operation still reports its final state
    // (a creation halted by a synchronous delete reports failed).
    if (operationId !== undefined && operation !== undefined && operation.type !== deleteType) {
      return report(context, operation);
    }
    if (latest?.type === deleteType && latest.state === 'succeeded') throw gone();
    throw notFound({ description: `${noun} does not exist.` });
  }
  if (operation === undefined) {
    if (operationId !== undefined) {
      throw badRequest(`operation '${operationId}' is not an operation of ${noun}.`);
    }
    // Nothing asynchronous ever ran: the resource's own state is the answer.
    return {
      status: 200,
      body: {
        state: state === 'failed' ? 'failed' : state === 'ready' ? 'succeeded' : 'in progress',
      },
    };
  }
  return report(context, operation);
}

function report(
  context: BrokerContext,
  operation: OperationRecord,
): { status: 200; body: LastOperationBody; headers?: Record<string, string> } {
  const body: LastOperationBody = { state: operation.state };
  if (operation.description !== null && operation.description !== '') {
    body.description = operation.description;
  }
  // "Polling Last Operation for Service Instances": instance_usable only after a failed update
  // or deprovision, update_repeatable only after a failed update.
  if (operation.state === 'failed') {
    if (
      operation.instanceUsable !== null &&
      (operation.type === 'update' || operation.type === 'deprovision')
    ) {
      body.instance_usable = operation.instanceUsable;
    }
    if (operation.updateRepeatable !== null && operation.type === 'update') {
      body.update_repeatable = operation.updateRepeatable;
    }
  }
  if (operation.state !== 'in progress') return { status: 200, body };
  // "Polling Last Operation": Retry-After, as a duration, tells the platform when to ask again.
  return { status: 200, body, headers: { 'Retry-After': String(context.retryAfterSeconds) } };
}
