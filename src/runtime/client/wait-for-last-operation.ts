/**
 * Waiting for an asynchronous OSB operation ("Polling Last Operation for Service Instances" and
 * "... for Service Bindings"): after a 202, the platform polls `last_operation` until `state` is
 * `succeeded` or `failed`. It waits as long as the broker's `Retry-After` says, else an
 * interval that doubles up to a cap, and gives up after a maximum duration. After a delete, a
 * 410 Gone means the resource is gone: the delete succeeded.
 */
import type { ApiResult } from './send-request.js';
import { delay } from './delay.js';
import {
  InvalidResponseError,
  isApiError,
  LastOperationFailedError,
  PollingTimeoutError,
} from './errors.js';
import type { LastOperationBody } from './errors.js';
import { parseRetryAfter } from './retry-after.js';

/** How long and how often to poll. */
export interface WaitOptions {
  /** Aborts the polling (and the request under way); it rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /**
   * Milliseconds to keep polling before giving up with PollingTimeoutError (default one hour).
   * A plan's `maximum_polling_duration` (seconds) is the broker's own limit.
   */
  maxDuration?: number | undefined;
  /** The first wait between polls when the broker sends no Retry-After, in ms (default 1 000). */
  interval?: number | undefined;
  /** The longest wait between polls without Retry-After, in ms (default 30 000). */
  maxInterval?: number | undefined;
  /** Called with every `last_operation` answer, for progress reports. */
  onPoll?: ((lastOperation: LastOperationBody) => void) | undefined;
}

/** How a waited-for operation ended. */
export interface LastOperationOutcome {
  /** `succeeded`, or `gone`: the resource answered 410 Gone after a delete (also a success). */
  outcome: 'succeeded' | 'gone';
  /** The last `last_operation` body; undefined when the resource was gone. */
  lastOperation: LastOperationBody | undefined;
  /** How many times `last_operation` was called. */
  polls: number;
}

export const DEFAULT_MAX_DURATION = 3_600_000;
export const DEFAULT_POLL_INTERVAL = 1_000;
export const DEFAULT_MAX_POLL_INTERVAL = 30_000;

/** One call of a generated `last_operation` function, with the signal to pass on. */
export type PollLastOperation = (signal: AbortSignal | undefined) => Promise<ApiResult>;

/**
 * Polls until the operation succeeds (or, with `goneMeansDone`, the resource answers 410).
 * @throws LastOperationFailedError CLIENT_OPERATION_FAILED when `state` becomes `failed`,
 *   PollingTimeoutError CLIENT_POLLING_TIMEOUT when `maxDuration` runs out, InvalidResponseError
 *   CLIENT_INVALID_RESPONSE for a `state` OSB does not define, any error of the poll requests
 *   (ApiError for a 404, say), and the signal's reason when it aborts.
 */
export async function waitForLastOperation(
  poll: PollLastOperation,
  options: WaitOptions & { goneMeansDone: boolean },
): Promise<LastOperationOutcome> {
  const maxDuration = options.maxDuration ?? DEFAULT_MAX_DURATION;
  const maxInterval = options.maxInterval ?? DEFAULT_MAX_POLL_INTERVAL;
  const deadline = Date.now() + maxDuration;
  let interval = Math.min(options.interval ?? DEFAULT_POLL_INTERVAL, maxInterval);
  for (let polls = 1; ; polls += 1) {
    options.signal?.throwIfAborted();
    let answer: ApiResult;
    try {
      answer = await poll(options.signal);
    } catch (error) {
      if (options.goneMeansDone && isApiError(error, 410)) {
        return { outcome: 'gone', lastOperation: undefined, polls };
      }
      throw error;
    }
    const lastOperation = readLastOperation(answer);
    options.onPoll?.(lastOperation);
    if (lastOperation.state === 'succeeded') return { outcome: 'succeeded', lastOperation, polls };
    if (lastOperation.state === 'failed') throw new LastOperationFailedError(lastOperation);
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new PollingTimeoutError(maxDuration, lastOperation);
    const retryAfter = parseRetryAfter(answer.headers.get('retry-after'));
    await delay(Math.min(retryAfter ?? interval, remaining), options.signal);
    interval = Math.min(interval * 2, maxInterval);
  }
}

const STATES: ReadonlySet<string> = new Set(['in progress', 'succeeded', 'failed']);

function readLastOperation(answer: ApiResult): LastOperationBody {
  const body = answer.body as Partial<LastOperationBody> | undefined;
  if (typeof body?.state !== 'string' || !STATES.has(body.state)) {
    throw new InvalidResponseError(
      `last_operation answered ${answer.status} with state ${JSON.stringify(body?.state)}, not "in progress", "succeeded" or "failed"`,
      answer.status,
    );
  }
  return body as LastOperationBody;
}
