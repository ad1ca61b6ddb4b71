/**
 * Idempotent answers: what a request for a resource that already exists gets, decided from the
 * stored record alone, so a repeat never reaches the broker's services.
 *
 * "Provisioning" / "Binding" responses: 200 when it exists, is complete and identical (valid
 * in synchronous mode; a repeat of a finished request is handled synchronously); 202 with the
 * original `operation` while it is still being created; 409 for the same ID with different
 * attributes. "Blocking Operations": a request that would interleave with another operation on
 * the same resource is refused with 422 ConcurrencyError.
 */
import { asyncRequired, concurrencyError, conflict } from '../errors.js';
import type { JsonValue, OperationRecord, ResourceState } from './store.js';

/** Sorted-key JSON, so that equal values always give equal text. Throws nothing. */
export function toCanonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of sortedKeys(value)) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined) sorted[key] = sortKeys(field);
  }
  return sorted;
}

/**
 * The object's keys in the order of `Array.prototype.sort()` (by UTF-16 code units). Request
 * bodies have a handful of keys per object, which an insertion sort orders in place; the
 * built-in sort allocates a work area per call, about a kilobyte per provision in all.
 */
function sortedKeys(value: object): string[] {
  const keys = Object.keys(value);
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i += 1) {
    const key = keys[i] as string;
    let j = i - 1;
    for (; j >= 0 && (keys[j] as string) > key; j -= 1) keys[j + 1] = keys[j] as string;
    keys[j + 1] = key;
  }
  return keys;
}

/** The attributes of a provision request that make two requests identical. */
export interface InstanceAttributes {
  service_id: string;
  plan_id: string;
  context?: unknown;
  organization_guid?: string | undefined;
  space_guid?: string | undefined;
  parameters?: unknown;
  maintenance_info?: { version: string } | undefined;
}

/**
 * The fingerprint of a provision request (absent parameters equal `{}`). Throws nothing.
 *
 * The result is `toCanonicalJson` of these attributes; the literal names them in sorted order
 * already, so that only the nested objects need sorting (a third faster; one per provision).
 */
export function fingerprintInstance(attributes: InstanceAttributes): string {
  return JSON.stringify({
    context: sortKeys(attributes.context ?? null),
    maintenance_info: attributes.maintenance_info?.version ?? null,
    organization_guid: attributes.organization_guid ?? null,
    parameters: sortKeys(attributes.parameters ?? {}),
    plan_id: attributes.plan_id,
    service_id: attributes.service_id,
    space_guid: attributes.space_guid ?? null,
  });
}

/**
 * The fingerprint of a bind request (absent parameters equal `{}`): `toCanonicalJson` of its
 * attributes, named in sorted order as in `fingerprintInstance`. Throws nothing.
 */
export function fingerprintBinding(body: {
  service_id: string;
  plan_id: string;
  context?: unknown;
  app_guid?: string | undefined;
  bind_resource?: unknown;
  parameters?: unknown;
  predecessor_binding_id?: string | undefined;
}): string {
  return JSON.stringify({
    app_guid: body.app_guid ?? null,
    bind_resource: sortKeys(body.bind_resource ?? null),
    context: sortKeys(body.context ?? null),
    parameters: sortKeys(body.parameters ?? {}),
    plan_id: body.plan_id,
    predecessor_binding_id: body.predecessor_binding_id ?? null,
    service_id: body.service_id,
  });
}

/** The fingerprint of an update request: its whole body. Throws nothing. */
export function fingerprintUpdate(body: object): string {
  return toCanonicalJson(body);
}

/** What the repeat of a create (provision or bind) gets. */
export type RepeatDecision =
  { kind: 'complete' } | { kind: 'in progress'; operation: OperationRecord };

/** A resource as a create request finds it. */
export interface ExistingResource {
  state: ResourceState;
  fingerprint: string;
  /** The resource's latest operation, if any. */
  latest: OperationRecord | undefined;
}

/**
 * Decides the answer to a create request for an ID that already exists (and is not a
 * tombstone): `complete` (answer 200) or `in progress` (answer 202 with that operation).
 * Throws OsbError 409 for different attributes or a failed creation, 422 AsyncRequired for a
 * repeat of a running creation without `accepts_incomplete`, and 422 ConcurrencyError while
 * another operation changes the resource.
 */
export function decideRepeatedCreate(
  existing: ExistingResource,
  fingerprint: string,
  acceptsIncomplete: boolean,
  noun: string,
): RepeatDecision {
  if (existing.fingerprint !== fingerprint) {
    throw conflict({
      description: `${noun} already exists or is being created with different attributes.`,
    });
  }
  switch (existing.state) {
    case 'ready':
      return { kind: 'complete' };
    case 'creating': {
      const operation = existing.latest;
      if (operation === undefined || operation.state !== 'in progress') {
        throw concurrencyError({ description: `${noun} is being created; retry later.` });
      }
      // A re-sent PUT MUST get 202 with the original operation while it runs; a 202 needs
      // accepts_incomplete=true, so a synchronous repeat can only be told to go asynchronous.
      if (!acceptsIncomplete) {
        throw asyncRequired({
          description: `${noun} is being created asynchronously; repeat the request with accepts_incomplete=true to follow it.`,
        });
      }
      return { kind: 'in progress', operation };
    }
    case 'failed':
      throw conflict({
        description: `${noun} exists, but its creation failed; delete it before creating it again.`,
      });
    case 'updating':
    case 'deleting':
    case 'gone':
      throw concurrencyError({
        description: `${noun} is being ${existing.state === 'updating' ? 'updated' : 'deleted'}; retry after that operation has finished.`,
      });
  }
}

/** A JSON object of the keys that are defined, so optional fields never store `undefined`. */
export function definedFields(fields: Record<string, JsonValue | undefined>): {
  [key: string]: JsonValue;
} {
  const result: { [key: string]: JsonValue } = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) result[key] = value;
  }
  return result;
}
