/**
 * Building the stored records, and what every handler needs around them: the request facts
 * handed to services, a handler's decision taken under the instance lock, and operation IDs.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { BrokerContext } from './broker-context.js';
import type { CatalogPlan } from './catalog-plans.js';
import type { InstanceResponseBody } from './handler-types.js';
import type { OperationPayload } from './operation-effects.js';
import { recordPollingLimit } from './polling-deadline.js';
import type { InstanceMetadata, RequestFacts } from './services.js';
import type {
  JsonObject,
  OperationRecord,
  OperationType,
  ServiceBindingRecord,
  ServiceInstanceRecord,
} from './store.js';

/**
 * What a handler decided under the instance lock. `reply` is sent once the transaction has
 * committed; `start` then runs (background work begins only after its records are stored);
 * `bug` is thrown last, so records written for orphan mitigation survive a 500.
 */
export interface Decision<Reply> {
  reply?: Reply;
  start?: () => void;
  bug?: unknown;
}

/** Carries out a decision after its transaction committed: returns the reply or throws the bug. */
export function settle<Reply>(decision: Decision<Reply>): Reply {
  decision.start?.();
  if (decision.bug !== undefined || decision.reply === undefined) throw decision.bug;
  return decision.reply;
}

/** The request facts every service input carries. Throws nothing. */
export function readRequestFacts(raw: FastifyRequest, acceptsIncomplete: boolean): RequestFacts {
  return {
    originatingIdentity: raw.originatingIdentity,
    apiVersion: raw.brokerApiVersion,
    acceptsIncomplete,
  };
}

/** A fresh operation ID, when the service named none. Throws nothing. */
export function createOperationId(type: OperationType): string {
  return `${type}-${randomUUID()}`;
}

/**
 * A new operation, in progress and leased to this process, held to the `maximum_polling_duration`
 * of `plan` (the plan it runs under). Throws nothing.
 */
export function createOperationRecord(
  context: BrokerContext,
  {
    plan,
    ...fields
  }: {
    operationId: string;
    instanceId: string;
    bindingId: string | null;
    type: OperationType;
    fingerprint: string;
    payload: OperationPayload;
    plan: CatalogPlan | undefined;
  },
): OperationRecord {
  const now = Date.now();
  const payload: OperationPayload = { ...fields.payload, ...recordPollingLimit(plan) };
  return {
    ...fields,
    payload: JSON.parse(JSON.stringify(payload)) as JsonObject,
    state: 'in progress',
    description: null,
    instanceUsable: null,
    updateRepeatable: null,
    owner: context.owner,
    leaseExpiresAt: new Date(now + context.leaseMs).toISOString(),
    createdAt: new Date(now).toISOString(),
    updatedAt: new Date(now).toISOString(),
  };
}

/** A new instance record, enabled. Throws nothing. */
export function createInstanceRecord(
  fields: Omit<ServiceInstanceRecord, 'createdAt' | 'updatedAt' | 'enabled' | 'lastActive'>,
): ServiceInstanceRecord {
  const now = new Date();
  return {
    ...fields,
    enabled: true,
    lastActive: fields.state === 'ready' ? now.getTime() : null,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

/** A new binding record. Throws nothing. */
export function createBindingRecord(
  fields: Omit<ServiceBindingRecord, 'createdAt' | 'updatedAt'>,
): ServiceBindingRecord {
  const now = new Date().toISOString();
  return { ...fields, createdAt: now, updatedAt: now };
}

/** Whether a record stands for something that exists (not a tombstone). Throws nothing. */
export function isLive(record: { state: string } | undefined): boolean {
  return record !== undefined && record.state !== 'gone';
}

/**
 * A service input as an operation records it for `resume`: its own fields, without the catalog
 * entries and stored records it was given (the resumed process reads those afresh). Throws
 * nothing.
 */
export function toRecordedRequest(input: object): JsonObject {
  return toStoredJson({
    ...input,
    service: undefined,
    plan: undefined,
    instance: undefined,
    binding: undefined,
    predecessor: undefined,
  });
}

/** A JSON copy of the defined fields of `value`, for storing. Throws nothing. */
export function toStoredJson(value: object): JsonObject {
  return JSON.parse(JSON.stringify(value)) as JsonObject;
}

/** The provision answer for a stored instance: its dashboard URL and metadata. Throws nothing. */
export function toInstanceResponse(record: ServiceInstanceRecord): InstanceResponseBody {
  const body: InstanceResponseBody = {};
  if (record.dashboardUrl !== null) body.dashboard_url = record.dashboardUrl;
  if (record.metadata !== null) body.metadata = record.metadata as InstanceMetadata;
  return body;
}
