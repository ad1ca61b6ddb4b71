/**
 * A plan's `maximum_polling_duration` ("Service Plan Object", OSB 2.15): the seconds after
 * which the platform stops polling an asynchronous operation and considers it failed. The
 * runtime holds background work to the same limit, so that what `last_operation` reports
 * agrees with what the platform concluded: work still running at the deadline has its signal
 * aborted and its operation is marked failed.
 *
 * The limit is fixed when the operation starts (from the plan the instance has, or for an
 * update the plan it moves to) and kept in the operation's payload, so that a broker process
 * resuming the operation after a restart holds it to the same deadline, counted from the
 * operation's `createdAt`. A value of 0 is taken as written: the platform stops at once.
 */
import type { CatalogPlan } from './catalog-plans.js';
import type { OperationRecord } from './store.js';

/** The longest a Node.js timer waits (about 24.8 days); longer delays fire at once. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** The payload field recording the plan's limit, in seconds. */
export interface PollingLimit {
  maximumPollingDuration?: number;
}

/** The payload fields that carry `plan`'s limit, if it has one. Throws nothing. */
export function recordPollingLimit(plan: CatalogPlan | undefined): PollingLimit {
  const seconds = plan?.maximum_polling_duration;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0
    ? { maximumPollingDuration: seconds }
    : {};
}

/** When `operation` must have finished, in epoch milliseconds; undefined without a limit. */
export function getPollingDeadline(operation: OperationRecord): number | undefined {
  const seconds = (operation.payload as PollingLimit).maximumPollingDuration;
  if (typeof seconds !== 'number') return undefined;
  return Date.parse(operation.createdAt) + seconds * 1000;
}

/** What `last_operation` reports for an operation stopped at its deadline. Throws nothing. */
export function describeExpiredOperation(operation: OperationRecord): string {
  const seconds = (operation.payload as PollingLimit).maximumPollingDuration ?? 0;
  return `The ${operation.type} did not finish within ${seconds} seconds, the plan's maximum_polling_duration, and was stopped.`;
}

/**
 * Resolves at `deadline` (epoch milliseconds) unless cancelled first; timers are unreferenced,
 * so a pending deadline never keeps the process alive. Throws nothing.
 */
export function waitForDeadline(deadline: number): { expired: Promise<void>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  let cancelled = false;
  const expired = new Promise<void>((resolve) => {
    const arm = (): void => {
      if (cancelled) return;
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        resolve();
        return;
      }
      timer = setTimeout(arm, Math.min(remaining, LONGEST_TIMER_MS));
      timer.unref();
    };
    arm();
  });
  return {
    expired,
    cancel() {
      cancelled = true;
      clearTimeout(timer);
    },
  };
}
