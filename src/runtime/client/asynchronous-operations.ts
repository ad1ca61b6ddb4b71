/**
 * The pieces the generated `broker.ts` helpers share: the types of their input and result, and
 * the query that identifies an operation to `last_operation` ("Polling Last Operation": the
 * platform passes back `operation` and SHOULD send `service_id` and `plan_id`).
 */
import type { CallOptions } from './client-config.js';
import type { ApiError } from './errors.js';
import type { LastOperationOutcome, WaitOptions } from './wait-for-last-operation.js';

/** Options of the polling helpers: those of each request, and how long and how often to poll. */
export type PollingOptions = CallOptions & WaitOptions;

/** An operation's query without `accepts_incomplete`, which may then not be given. */
type QueryWithoutAcceptsIncomplete<T extends { query?: object | undefined }> = Omit<
  NonNullable<T['query']>,
  'accepts_incomplete'
> & { accepts_incomplete?: never };

/**
 * An operation's input without `accepts_incomplete`, which the `...AndWait` helpers send
 * themselves; `query` stays required when other query parameters are.
 */
export type WithoutAcceptsIncomplete<T extends { query?: object | undefined }> = Omit<T, 'query'> &
  (object extends Omit<NonNullable<T['query']>, 'accepts_incomplete'>
    ? { query?: QueryWithoutAcceptsIncomplete<T> | undefined }
    : { query: QueryWithoutAcceptsIncomplete<T> });

/** What an `...AndWait` helper resolves with. */
export interface CompletedOperation<TResult> {
  /** The broker's answer to the request itself. */
  result: TResult;
  /** How the asynchronous operation ended; undefined when the broker answered synchronously. */
  lastOperation: LastOperationOutcome | undefined;
}

/** A delete answered 410 Gone: the resource did not exist, which is what the delete asked for. */
export interface GoneResult {
  status: 410;
  body: unknown;
  headers: Headers;
}

/** The GoneResult of a 410 ApiError. Throws nothing. */
export function toGoneResult(error: ApiError): GoneResult {
  return { status: 410, body: error.body, headers: error.response.headers };
}

/** The `last_operation` query parameters OSB defines. */
export interface LastOperationQuery {
  operation?: string;
  service_id?: string;
  plan_id?: string;
}

/**
 * The query of the `last_operation` polls after a 202: `operation` from the 202's body, and
 * `service_id` and `plan_id` from the request (its body, or a delete's query). Absent or
 * non-string values are left out. Throws nothing.
 */
export function lastOperationQuery(answer: unknown, request: unknown): LastOperationQuery {
  const operation = readString(answer, 'operation');
  return { ...(operation === undefined ? {} : { operation }), ...resourceQuery(request) };
}

/** `service_id` and `plan_id` from a request, for fetching the resource it created. Throws nothing. */
export function resourceQuery(request: unknown): Omit<LastOperationQuery, 'operation'> {
  const serviceId = readString(request, 'service_id');
  const planId = readString(request, 'plan_id');
  return {
    ...(serviceId === undefined ? {} : { service_id: serviceId }),
    ...(planId === undefined ? {} : { plan_id: planId }),
  };
}

function readString(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' ? field : undefined;
}
