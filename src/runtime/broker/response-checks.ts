/**
 * Checks of what the broker's services return, made before a reply leaves: an outcome the
 * specification forbids is a bug in the broker, thrown as BrokerOutcomeError (logged, answered
 * 500) instead of being sent to a platform that would misread it. Each check cites its section.
 */
import type { OsbError } from '../errors.js';
import { BrokerOutcomeError } from './broker-errors.js';
import type { CatalogService } from './catalog-plans.js';
import type { BindingResponseBody, InstanceResponseBody } from './handler-types.js';
import type { BindingDetails, InstanceMetadata } from './services.js';
import type { JsonObject, OperationType } from './store.js';

/** The fields a binding hands to the application; none may be on a bind 202. */
const BINDING_FIELDS = [
  'credentials',
  'syslogDrainUrl',
  'routeServiceUrl',
  'volumeMounts',
  'endpoints',
  'metadata',
] as const;

// "Binding Metadata Object": ISO 8601 in the pattern yyyy-mm-ddThh:mm:ss.sZ.
const BINDING_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+Z$/;
// "Endpoint Object": a single port or a range.
const PORT = /^\d+(-\d+)?$/;
const MAX_OPERATION_LENGTH = 10_000;

/**
 * The `operation` an asynchronous outcome names, or undefined to make one up. Throws
 * BrokerOutcomeError for an empty or over-long value.
 */
export function checkOperationId(operation: unknown): string | undefined {
  // "Provisioning" response body (and every other 202): operation MUST NOT contain more than
  // 10,000 characters; "If present, MUST be a non-empty string".
  if (operation === undefined) return undefined;
  if (typeof operation !== 'string' || operation === '') {
    throw new BrokerOutcomeError("the outcome's operation must be a non-empty string");
  }
  if (operation.length > MAX_OPERATION_LENGTH) {
    throw new BrokerOutcomeError(
      `the outcome's operation has ${operation.length} characters; OSB allows at most ${MAX_OPERATION_LENGTH}`,
    );
  }
  return operation;
}

/** Throws BrokerOutcomeError unless an outcome's `async` is a function. */
export function checkBackgroundWork(work: unknown): void {
  if (typeof work !== 'function') {
    throw new BrokerOutcomeError("the outcome's async must be a function returning a promise");
  }
}

/**
 * The provision or update response body for an outcome's dashboard URL and metadata. Throws
 * BrokerOutcomeError for a non-string dashboard URL or malformed metadata.
 */
export function toInstanceBody(outcome: {
  dashboardUrl?: unknown;
  metadata?: unknown;
}): InstanceResponseBody {
  const body: InstanceResponseBody = {};
  if (outcome.dashboardUrl !== undefined) {
    if (typeof outcome.dashboardUrl !== 'string' || outcome.dashboardUrl === '') {
      throw new BrokerOutcomeError('dashboardUrl must be a non-empty string');
    }
    body.dashboard_url = outcome.dashboardUrl;
  }
  const metadata = checkInstanceMetadata(outcome.metadata);
  if (metadata !== undefined) body.metadata = metadata;
  return body;
}

/** Instance metadata as stored; throws BrokerOutcomeError for labels that are not strings. */
export function checkInstanceMetadata(metadata: unknown): InstanceMetadata | undefined {
  // "Service Instance Metadata": labels are key/value pairs of strings; attributes an object.
  if (metadata === undefined) return undefined;
  if (!isPlainObject(metadata)) throw new BrokerOutcomeError('metadata must be an object');
  const { labels, attributes } = metadata;
  if (labels !== undefined) {
    if (
      !isPlainObject(labels) ||
      Object.values(labels).some((value) => typeof value !== 'string')
    ) {
      throw new BrokerOutcomeError('metadata.labels must map names to strings');
    }
  }
  if (attributes !== undefined && !isPlainObject(attributes)) {
    throw new BrokerOutcomeError('metadata.attributes must be an object');
  }
  return metadata as InstanceMetadata;
}

/**
 * Throws BrokerOutcomeError when an asynchronous bind outcome carries binding fields (they
 * would go out with the 202) or the offering gives the platform no way to read them later.
 */
export function checkAsyncBindOutcome(outcome: object, service: CatalogService): void {
  // "Binding" 202 Accepted: information regarding the binding (i.e. credentials) MUST NOT be
  // returned in this response.
  const carried = BINDING_FIELDS.filter((field) => field in outcome);
  if (carried.length > 0) {
    throw new BrokerOutcomeError(
      `an asynchronous bind must not return ${carried.join(', ')} with its 202; return them from the async work`,
    );
  }
  // "Binding": the binding's information MUST be returned at least once; after a 202 the only
  // way is fetching the binding, which needs bindings_retrievable.
  if (service.bindings_retrievable !== true) {
    throw new BrokerOutcomeError(
      `service '${service.id}' binds asynchronously but does not set bindings_retrievable, so its credentials could never reach the platform`,
    );
  }
}

/**
 * The problems of a binding's details against the specification and the offering's
 * `requires`, each naming the rule; empty when it may be sent. Throws nothing.
 */
export function findBindingProblems(details: unknown, service: CatalogService): string[] {
  if (!isPlainObject(details)) return ['the binding details must be an object'];
  const problems: string[] = [];
  const requires = service.requires ?? [];
  // "Binding" response body: each of these needs its permission in the offering's `requires`,
  // or the platform can consider the response invalid.
  const needs = [
    ['syslogDrainUrl', 'syslog_drain'],
    ['routeServiceUrl', 'route_forwarding'],
    ['volumeMounts', 'volume_mount'],
  ] as const;
  for (const [field, requirement] of needs) {
    if (details[field] !== undefined && !requires.includes(requirement)) {
      problems.push(`${field} needs '${requirement}' in the requires of service '${service.id}'`);
    }
  }
  for (const field of ['syslogDrainUrl', 'routeServiceUrl'] as const) {
    const value = details[field];
    if (value !== undefined && (typeof value !== 'string' || value === '')) {
      problems.push(`${field} must be a non-empty string`);
    }
  }
  if (details['credentials'] !== undefined && !isPlainObject(details['credentials'])) {
    problems.push('credentials must be an object');
  }
  problems.push(...findVolumeMountProblems(details['volumeMounts']));
  problems.push(...findEndpointProblems(details['endpoints']));
  problems.push(...findBindingMetadataProblems(details['metadata']));
  return problems;
}

/** Throws BrokerOutcomeError listing the problems of a binding's details. */
export function checkBindingDetails(details: unknown, service: CatalogService): BindingDetails {
  const problems = findBindingProblems(details, service);
  if (problems.length > 0) {
    throw new BrokerOutcomeError(`invalid binding: ${problems.join('; ')}`);
  }
  return details as BindingDetails;
}

/** The OSB response body of checked binding details. Throws nothing. */
export function toBindingBody(details: BindingDetails): BindingResponseBody {
  const body: BindingResponseBody = {};
  if (details.credentials !== undefined) body.credentials = details.credentials;
  if (details.syslogDrainUrl !== undefined) body.syslog_drain_url = details.syslogDrainUrl;
  if (details.routeServiceUrl !== undefined) body.route_service_url = details.routeServiceUrl;
  if (details.volumeMounts !== undefined) body.volume_mounts = details.volumeMounts;
  if (details.endpoints !== undefined) body.endpoints = details.endpoints;
  if (details.metadata !== undefined) body.metadata = details.metadata;
  return body;
}

/** The stored form of a binding response body. Throws nothing. */
export function toStoredBinding(body: BindingResponseBody): JsonObject {
  return JSON.parse(JSON.stringify(body)) as JsonObject;
}

/**
 * Throws BrokerOutcomeError when an error refusing `type` carries `instance_usable` or
 * `update_repeatable` where the specification forbids them.
 */
export function checkErrorFlags(error: OsbError, type: OperationType): void {
  const problem = findErrorFlagProblem(error, type);
  if (problem !== undefined) throw new BrokerOutcomeError(problem);
}

/** Why an error's flags are not allowed for `type`, or undefined. Throws nothing. */
export function findErrorFlagProblem(
  error: { instance_usable?: boolean | undefined; update_repeatable?: boolean | undefined },
  type: OperationType,
): string | undefined {
  // "Service Broker Errors": instance_usable only for a failed update or deprovision,
  // update_repeatable only for a failed update; they MUST NOT be present for other errors.
  if (error.instance_usable !== undefined && type !== 'update' && type !== 'deprovision') {
    return `instance_usable is only allowed on a failed update or deprovision, not on a ${type}`;
  }
  if (error.update_repeatable !== undefined && type !== 'update') {
    return `update_repeatable is only allowed on a failed update, not on a ${type}`;
  }
  return undefined;
}

function findVolumeMountProblems(mounts: unknown): string[] {
  if (mounts === undefined) return [];
  if (!Array.isArray(mounts)) return ['volumeMounts must be an array'];
  // "Volume Mount Object" and "Device Object": every field but mount_config is required.
  return mounts.flatMap((mount: unknown, index) => {
    const where = `volumeMounts[${index}]`;
    if (!isPlainObject(mount)) return [`${where} must be an object`];
    const problems: string[] = [];
    for (const field of ['driver', 'container_dir'] as const) {
      if (typeof mount[field] !== 'string' || mount[field] === '') {
        problems.push(`${where}.${field} must be a non-empty string`);
      }
    }
    if (mount['mode'] !== 'r' && mount['mode'] !== 'rw')
      problems.push(`${where}.mode must be r or rw`);
    if (mount['device_type'] !== 'shared') problems.push(`${where}.device_type must be shared`);
    const device = mount['device'];
    if (
      !isPlainObject(device) ||
      typeof device['volume_id'] !== 'string' ||
      device['volume_id'] === ''
    ) {
      problems.push(`${where}.device.volume_id must be a non-empty string`);
    }
    return problems;
  });
}

function findEndpointProblems(endpoints: unknown): string[] {
  if (endpoints === undefined) return [];
  if (!Array.isArray(endpoints)) return ['endpoints must be an array'];
  // "Endpoint Object": host required; ports a non-empty array of ports or ranges; protocol
  // tcp, udp or all.
  return endpoints.flatMap((endpoint: unknown, index) => {
    const where = `endpoints[${index}]`;
    if (!isPlainObject(endpoint)) return [`${where} must be an object`];
    const problems: string[] = [];
    if (typeof endpoint['host'] !== 'string' || endpoint['host'] === '') {
      problems.push(`${where}.host must be a non-empty string`);
    }
    const ports = endpoint['ports'];
    if (
      !Array.isArray(ports) ||
      ports.length === 0 ||
      ports.some((port) => typeof port !== 'string' || !PORT.test(port))
    ) {
      problems.push(
        `${where}.ports must be a non-empty array of ports such as "443" or "9000-9010"`,
      );
    }
    const protocol = endpoint['protocol'];
    if (protocol !== undefined && protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'all') {
      problems.push(`${where}.protocol must be tcp, udp or all`);
    }
    return problems;
  });
}

function findBindingMetadataProblems(metadata: unknown): string[] {
  if (metadata === undefined) return [];
  if (!isPlainObject(metadata)) return ['metadata must be an object'];
  // "Binding Metadata Object": both timestamps as yyyy-mm-ddThh:mm:ss.sZ, and renew_before
  // MUST be before or equal to expires_at.
  const problems: string[] = [];
  const times: Partial<Record<'expires_at' | 'renew_before', number>> = {};
  for (const field of ['expires_at', 'renew_before'] as const) {
    const value = metadata[field];
    if (value === undefined) continue;
    const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    // Date.parse rolls 2030-02-31 over to March; a real date reads back the same.
    const real =
      !Number.isNaN(time) &&
      new Date(time).toISOString().slice(0, 19) === String(value).slice(0, 19);
    if (typeof value !== 'string' || !BINDING_TIMESTAMP.test(value) || !real) {
      problems.push(`metadata.${field} must be a timestamp such as 2019-12-31T23:59:59.0Z`);
    } else {
      times[field] = time;
    }
  }
  if (
    times.expires_at !== undefined &&
    times.renew_before !== undefined &&
    times.renew_before > times.expires_at
  ) {
    problems.push('metadata.renew_before must not be later than metadata.expires_at');
  }
  return problems;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
