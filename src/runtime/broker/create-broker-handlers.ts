/**
 * `createBrokerHandlers`: the twelve handler methods of the curated OSB specification, built on
 * the broker author's services, a catalog and a store. Pass the result as the generated
 * `apiRoutes` plugin's `handlers`.
 *
 * Every method answers refusals (`OsbError`, from the runtime or the services) as its own reply
 * (see broker-errors.ts for why) and throws only bugs, which the protocol layer's error handler
 * logs and answers with a bare 500.
 */
import type { FastifyRequest } from 'fastify';
import { resolveBrokerOptions } from './broker-context.js';
import type { BrokerContext, BrokerHandlersOptions } from './broker-context.js';
import { asOsbError, toErrorReply } from './broker-errors.js';
import { createBinding } from './create-binding.js';
import { deprovisionInstance, unbindBinding } from './delete-resources.js';
import { fetchBinding, fetchInstance } from './fetch-resources.js';
import type { BrokerHandlers } from './handler-types.js';
import { getInstanceState, updateInstanceState } from './instance-state.js';
import { pollBindingOperation, pollInstanceOperation } from './last-operation.js';
import { OperationRunner } from './operation-runner.js';
import { provisionInstance } from './provision-instance.js';
import type { PlanParameterTypes } from './services.js';
import { updateInstance } from './update-instance.js';

/** What the broker runtime adds to the handler methods. */
export interface BrokerLifecycle {
  /**
   * Takes over operations whose broker process died (their lease expired), resuming or failing
   * each; returns how many. Runs by itself at creation and once per lease period.
   */
  recoverOperations(): Promise<number>;
  /**
   * Stops background work and periodic recovery, releasing the leases of running operations so
   * that the next broker process takes them over at once. Does not close the store.
   */
  close(): Promise<void>;
}

/**
 * Builds the handlers. Throws OsbUsageError OSB_RUNTIME_INVALID_OPTIONS for unusable options;
 * the methods answer OsbErrors as replies and throw BrokerOutcomeError (and any unexpected
 * error) for the error handler to answer 500.
 */
export function createBrokerHandlers<T extends PlanParameterTypes = PlanParameterTypes>(
  options: BrokerHandlersOptions<T>,
): BrokerHandlers & BrokerLifecycle {
  const context = resolveBrokerOptions(options);
  const runner = new OperationRunner(context);
  const recovery = startRecovery(context, runner);
  const answer = answerRefusals;
  // The catalog never changes while the broker runs: sendReply serializes it once per route.
  const catalogReply = { status: 200, body: context.catalog, constant: true } as const;
  return {
    getCatalog: answer(async () => catalogReply),
    provisionServiceInstance: answer((request) => provisionInstance(context, runner, request)),
    updateServiceInstance: answer((request) => updateInstance(context, runner, request)),
    deprovisionServiceInstance: answer((request) => deprovisionInstance(context, runner, request)),
    fetchServiceInstance: answer((request) => fetchInstance(context, request)),
    pollServiceInstanceLastOperation: answer((request) => pollInstanceOperation(context, request)),
    createServiceBinding: answer((request) => createBinding(context, runner, request)),
    deleteServiceBinding: answer((request) => unbindBinding(context, runner, request)),
    fetchServiceBinding: answer((request) => fetchBinding(context, request)),
    pollServiceBindingLastOperation: answer((request) => pollBindingOperation(context, request)),
    getServiceInstanceState: answer((request) => getInstanceState(context, request)),
    updateServiceInstanceState: answer((request) => updateInstanceState(context, request)),
    recoverOperations: () => runner.recover(),
    async close() {
      recovery.stop();
      await runner.close();
    },
  };
}

/**
 * Wraps a handler so that an OsbError becomes its reply; 5xx refusals are logged, as the error
 * handler would.
 */
function answerRefusals<Request extends { raw: FastifyRequest }, Reply>(
  handle: (request: Request) => Promise<Reply>,
): (request: Request) => Promise<Reply> {
  // A `catch` on the handler's promise rather than an `async` wrapper: one promise less on
  // every request.
  return (request) =>
    handle(request).catch((error: unknown) => {
      const refusal = asOsbError(error);
      if (refusal === undefined) throw error;
      if (refusal.status >= 500) {
        request.raw.log.warn({ err: refusal }, `request answered with ${refusal.status}`);
      }
      // A service's OsbError may carry a status the specification does not declare for this
      // operation; it is sent as thrown.
      return toErrorReply(refusal) as Reply;
    });
}

/** Runs recovery now and once per lease period, until stopped. */
function startRecovery(context: BrokerContext, runner: OperationRunner): { stop(): void } {
  if (!context.recoverOperations) return { stop: () => undefined };
  const recover = () =>
    void runner
      .recover()
      .catch((error: unknown) =>
        context.logger.error({ err: error }, 'could not take over interrupted operations'),
      );
  recover();
  const timer = setInterval(recover, context.leaseMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
