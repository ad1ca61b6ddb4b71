/**
 * Runs asynchronous operations in the background, and keeps `last_operation` truthful even when
 * the process running them dies.
 *
 * Each running operation holds a lease in the store (`owner`, `leaseExpiresAt`), renewed while
 * the work runs. A process that dies (SIGKILL, a crash) stops renewing; once the lease expires,
 * any broker process sharing the store takes the operation over (`claimExpiredOperations`, at
 * start-up and then once per lease period) and either resumes it through `services.resume` or
 * marks it failed "interrupted by a broker restart". A process that finds its lease taken, or
 * its operation ended by someone else (a delete halting a creation), aborts its work's signal
 * and discards whatever the work returns. Finishing always re-reads the operation under the
 * instance lock, so exactly one process applies each outcome. Work still running when its
 * plan's maximum_polling_duration has passed is stopped the same way and fails
 * (`polling-deadline.ts`); an expired operation found after a restart is failed, not resumed.
 */
import { asOsbError, BrokerOutcomeError } from './broker-errors.js';
import type { BrokerContext } from './broker-context.js';
import { finishOperation, readPayload } from './operation-effects.js';
import type { OperationFailure, OperationOutcome } from './operation-effects.js';
import {
  describeExpiredOperation,
  getPollingDeadline,
  waitForDeadline,
} from './polling-deadline.js';
import type { BackgroundWork, OperationProgress } from './services.js';
import type { JsonObject, OperationRecord } from './store.js';

/** The description of an operation whose process stopped and that nobody could resume. */
export const INTERRUPTED_DESCRIPTION =
  'The operation was interrupted by a broker restart; it may have been left incomplete.';

/** How background work ended: its value, or what it threw. */
type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

const EXPIRED: unique symbol = Symbol('expired');

interface RunningOperation {
  controller: AbortController;
  done: Promise<void>;
}

/** Starts, renews, halts and recovers background operations for one broker process. */
export class OperationRunner {
  readonly #context: BrokerContext;
  readonly #running = new Map<string, RunningOperation>();
  #closing = false;

  constructor(context: BrokerContext) {
    this.#context = context;
  }

  /** Runs `work` for `operation`, already stored `in progress` with this process as owner. */
  start(operation: OperationRecord, work: BackgroundWork<unknown>): void {
    const key = keyOf(operation);
    if (this.#closing || this.#running.has(key)) return;
    const controller = new AbortController();
    const renewal = setInterval(() => {
      void this.#touch(operation, controller, (current) => current).catch((error: unknown) =>
        this.#context.logger.warn({ err: error, operation: key }, 'could not renew the lease'),
      );
    }, this.#context.leaseMs / 3);
    renewal.unref();
    const progress = this.#createProgress(operation, controller);
    const done = (async () => {
      let outcome: OperationOutcome;
      try {
        outcome = await this.#runUntilDeadline(operation, () => work(progress), controller);
      } finally {
        clearInterval(renewal);
      }
      // A closing process leaves its operations in progress for the next one to take over.
      if (this.#closing) return;
      await this.finish(operation, outcome);
    })()
      .catch((error: unknown) =>
        this.#context.logger.error({ err: error, operation: key }, 'could not finish an operation'),
      )
      .finally(() => this.#running.delete(key));
    this.#running.set(key, { controller, done });
  }

  /**
   * Stores the outcome of `operation` if it is still in progress and owned by this process;
   * does nothing when it was halted or taken over meanwhile.
   */
  async finish(operation: OperationRecord, outcome: OperationOutcome): Promise<void> {
    await this.#context.store.withInstance(operation.instanceId, async (tx) => {
      const current = await tx.getOperation(operation.bindingId, operation.operationId);
      if (current?.state !== 'in progress' || current.owner !== this.#context.owner) return;
      await finishOperation(this.#context, tx, current, outcome);
    });
  }

  /**
   * Aborts the running work of an operation (already ended in the store) and waits, at most
   * haltTimeoutMs, for it to stop; returns at once when this process does not run it.
   */
  async halt(operation: OperationRecord): Promise<void> {
    const running = this.#running.get(keyOf(operation));
    if (running === undefined) return;
    running.controller.abort();
    await this.#waitFor(running);
  }

  /**
   * Takes over every operation whose lease expired and resumes it (`services.resume`) or marks
   * it failed; returns how many it took over.
   */
  async recover(): Promise<number> {
    if (this.#closing) return 0;
    const now = new Date();
    const claimed = await this.#context.store.claimExpiredOperations(
      this.#context.owner,
      now,
      new Date(now.getTime() + this.#context.leaseMs),
    );
    for (const operation of claimed) {
      if (this.#running.has(keyOf(operation))) continue;
      const deadline = getPollingDeadline(operation);
      if (deadline !== undefined && deadline <= Date.now()) {
        await this.finish(operation, {
          ok: false,
          failure: { description: describeExpiredOperation(operation) },
        });
        continue;
      }
      const resume = this.#context.services.resume?.bind(this.#context.services);
      if (resume === undefined) {
        this.#context.logger.warn(
          { operation: operation.operationId, instanceId: operation.instanceId },
          'an operation was interrupted by a broker restart and is marked failed',
        );
        await this.finish(operation, {
          ok: false,
          failure: { description: INTERRUPTED_DESCRIPTION },
        });
        continue;
      }
      const records = await this.#context.store.withInstance(operation.instanceId, async (tx) => ({
        instance: await tx.getInstance(),
        binding:
          operation.bindingId === null ? undefined : await tx.getBinding(operation.bindingId),
      }));
      const payload = readPayload(operation);
      this.start(operation, (progress) =>
        resume(
          {
            type: operation.type,
            operationId: operation.operationId,
            instanceId: operation.instanceId,
            bindingId: operation.bindingId,
            instance: records.instance,
            binding: records.binding,
            request: payload.request,
            checkpoint: payload.checkpoint ?? null,
          },
          progress,
        ),
      );
    }
    return claimed.length;
  }

  /**
   * Stops every running work and releases its lease, so that another process (or this broker
   * after a restart) takes it over at once.
   */
  async close(): Promise<void> {
    this.#closing = true;
    const running = [...this.#running.entries()];
    for (const [, operation] of running) operation.controller.abort();
    await Promise.all(
      running.map(([key, operation]) =>
        this.#waitFor(operation).then(() => this.#releaseLease(key)),
      ),
    );
  }

  async #waitFor(operation: RunningOperation): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.#context.haltTimeoutMs);
    });
    await Promise.race([operation.done, timeout]);
    clearTimeout(timer);
  }

  async #releaseLease(key: string): Promise<void> {
    const [instanceId, bindingId, operationId] = JSON.parse(key) as [string, string | null, string];
    try {
      await this.#context.store.withInstance(instanceId, async (tx) => {
        const current = await tx.getOperation(bindingId, operationId);
        if (current?.state !== 'in progress' || current.owner !== this.#context.owner) return;
        await tx.putOperation({ ...current, leaseExpiresAt: new Date().toISOString() });
      });
    } catch (error) {
      this.#context.logger.warn({ err: error, operation: key }, 'could not release a lease');
    }
  }

  #createProgress(operation: OperationRecord, controller: AbortController): OperationProgress {
    return {
      operationId: operation.operationId,
      signal: controller.signal,
      report: async (description) => {
        if (typeof description !== 'string' || description === '') {
          // "Polling Last Operation": a description, if present, MUST be non-empty.
          throw new BrokerOutcomeError(
            'progress.report(): the description must be a non-empty string',
          );
        }
        await this.#touch(operation, controller, (current) => ({ ...current, description }));
      },
      checkpoint: async (data: JsonObject) => {
        const copy = JSON.parse(JSON.stringify(data)) as JsonObject;
        await this.#touch(operation, controller, (current) => ({
          ...current,
          payload: { ...current.payload, checkpoint: copy },
        }));
      },
    };
  }

  /**
   * Renews the lease with an optional change, or aborts the work when the operation is no
   * longer this process's to run.
   */
  async #touch(
    operation: OperationRecord,
    controller: AbortController,
    change: (current: OperationRecord) => OperationRecord,
  ): Promise<void> {
    if (controller.signal.aborted || this.#closing) return;
    await this.#context.store.withInstance(operation.instanceId, async (tx) => {
      const current = await tx.getOperation(operation.bindingId, operation.operationId);
      if (current?.state !== 'in progress' || current.owner !== this.#context.owner) {
        controller.abort();
        return;
      }
      const now = Date.now();
      await tx.putOperation({
        ...change(current),
        leaseExpiresAt: new Date(now + this.#context.leaseMs).toISOString(),
        updatedAt: new Date(now).toISOString(),
      });
    });
  }

  /**
   * How `run` ended, unless the operation's deadline (the plan's maximum_polling_duration)
   * comes first: then the work's signal is aborted, the work gets haltTimeoutMs to stop, and
   * the outcome is a failure saying why, whatever the work returns.
   */
  async #runUntilDeadline(
    operation: OperationRecord,
    run: () => Promise<unknown>,
    controller: AbortController,
  ): Promise<OperationOutcome> {
    const settled = (async (): Promise<Settled> => {
      try {
        return { ok: true, value: await run() };
      } catch (error) {
        return { ok: false, error };
      }
    })();
    const deadline = getPollingDeadline(operation);
    if (deadline === undefined) return this.#toOutcome(operation, await settled);
    const expiry = waitForDeadline(deadline);
    const first = await Promise.race([settled, expiry.expired.then((): typeof EXPIRED => EXPIRED)]);
    expiry.cancel();
    if (first !== EXPIRED) return this.#toOutcome(operation, first);
    const description = describeExpiredOperation(operation);
    this.#context.logger.warn(
      { operation: operation.operationId, instanceId: operation.instanceId },
      description,
    );
    controller.abort();
    await this.#waitFor({ controller, done: settled.then(() => undefined) });
    return { ok: false, failure: { description } };
  }

  #toOutcome(operation: OperationRecord, settled: Settled): OperationOutcome {
    if (settled.ok) return settled;
    return { ok: false, failure: this.#describeFailure(operation, settled.error) };
  }

  #describeFailure(operation: OperationRecord, error: unknown): OperationFailure {
    const osbError = asOsbError(error);
    if (osbError !== undefined) {
      return {
        description: osbError.description ?? `The ${operation.type} failed.`,
        instanceUsable: osbError.instance_usable,
        updateRepeatable: osbError.update_repeatable,
      };
    }
    this.#context.logger.error(
      { err: error, operation: operation.operationId, instanceId: operation.instanceId },
      `the ${operation.type} work failed unexpectedly`,
    );
    return {
      description: `The ${operation.type} failed because of an internal error in the service broker.`,
    };
  }
}

function keyOf(operation: OperationRecord): string {
  return JSON.stringify([operation.instanceId, operation.bindingId, operation.operationId]);
}
