/**
 * Checks of a request against the catalog and the platform's API version, made before the
 * store is touched. Each throws the OsbError the specification names for its case; each cites
 * its section.
 */
import type { FastifyRequest } from 'fastify';
import { compareApiVersions } from '../api-version.js';
import type { BrokerApiVersion } from '../api-version.js';
import { badRequest, maintenanceInfoConflict, OsbError } from '../errors.js';
import { findCatalogEntry, findService, getParametersSchema } from './catalog-plans.js';
import type {
  BrokerCatalog,
  CatalogEntry,
  CatalogPlan,
  CatalogService,
  ParametersSchemaKind,
} from './catalog-plans.js';
import type { BrokerContext } from './broker-context.js';
import type { JsonObject } from './store.js';

/** The offering a request names; throws OsbError 400 when it is not in the catalog. */
export function requireService(catalog: BrokerCatalog, serviceId: string): CatalogService {
  // "Provisioning" body: service_id MUST be the ID of a Service Offering from the catalog.
  const service = findService(catalog, serviceId);
  if (!service) throw badRequest(`service_id '${serviceId}' is not in the broker's catalog.`);
  return service;
}

/**
 * The offering and plan a request names; throws OsbError 400 when the offering is not in the
 * catalog or the plan is not one of its plans.
 */
export function requireCatalogEntry(
  catalog: BrokerCatalog,
  serviceId: string,
  planId: string,
): CatalogEntry {
  // "Provisioning" body: plan_id MUST be the ID of a plan of the requested offering.
  requireService(catalog, serviceId);
  const entry = findCatalogEntry(catalog, serviceId, planId);
  if (!entry) {
    throw badRequest(`plan_id '${planId}' is not a plan of service '${serviceId}' in the catalog.`);
  }
  return entry;
}

/**
 * Throws OsbError 422 MaintenanceInfoConflict when the request's `maintenance_info.version`
 * differs from the plan's in the catalog (or the plan has none).
 */
export function checkMaintenanceInfo(
  plan: CatalogPlan,
  requested: { version: string } | undefined,
): void {
  // "Provisioning" and "Updating a Service Instance": a maintenance_info.version that does not
  // match the catalog's MUST be answered 422 MaintenanceInfoConflict.
  if (requested === undefined) return;
  const current = plan.maintenance_info?.version;
  if (requested.version !== current) {
    throw maintenanceInfoConflict({
      description:
        current === undefined
          ? `Plan '${plan.id}' has no maintenance_info, but the request asks for version ${requested.version}; fetch the catalog again.`
          : `maintenance_info.version ${requested.version} does not match version ${current} of plan '${plan.id}' in the catalog; fetch the catalog again.`,
    });
  }
}

/**
 * Throws OsbError 400 naming each invalid field when `parameters` do not match the plan's
 * schema for this kind of request; does nothing when the plan declares none.
 */
export function checkParameters(
  context: BrokerContext,
  request: FastifyRequest,
  plan: CatalogPlan,
  kind: ParametersSchemaKind,
  parameters: JsonObject,
): void {
  // "Provisioning", "Updating", "Binding": a broker SHOULD ensure the parameters are valid; the
  // plan's `schemas` (OSB 2.13) say what valid is, and invalid data MAY be answered 400.
  const schema = getParametersSchema(plan, kind);
  if (schema === undefined || context.validateParameters === undefined) return;
  const issues = context.validateParameters({ schema, parameters, request });
  if (issues.length > 0) {
    throw badRequest(`The parameters are invalid for plan '${plan.id}': ${issues.join('; ')}.`);
  }
}

/** Whether the platform's version is at least `minimum`; an unknown version counts as current. */
export function isVersionAtLeast(version: BrokerApiVersion | undefined, minimum: string): boolean {
  if (version === undefined) return true;
  const [major, minor] = minimum.split('.').map(Number);
  return compareApiVersions(version, { major: major ?? 0, minor: minor ?? 0 }) >= 0;
}

/**
 * Throws OsbError 412 naming the version needed when the platform's `X-Broker-API-Version` is
 * older than the one that introduced `feature`.
 */
export function requireApiVersion(request: FastifyRequest, minimum: string, feature: string): void {
  // "API Version Header": a broker that needs a newer version answers 412 Precondition Failed
  // naming it. Fetching instances and bindings, and asynchronous bindings, exist from 2.14.
  if (isVersionAtLeast(request.brokerApiVersion, minimum)) return;
  throw new OsbError(412, {
    description: `${feature} needs X-Broker-API-Version ${minimum} or later; the request sent ${request.brokerApiVersion?.raw ?? 'an older version'}.`,
  });
}

/**
 * Whether the request accepts a 202: `accepts_incomplete=true`, and for bindings an OSB
 * version that has asynchronous bindings (2.14). Throws nothing.
 */
export function acceptsIncomplete(
  request: FastifyRequest,
  query: { accepts_incomplete?: boolean | undefined },
  resource: 'instance' | 'binding',
): boolean {
  // "Asynchronous Operations": a 202 only when the request includes accepts_incomplete=true.
  if (query.accepts_incomplete !== true) return false;
  return resource === 'instance' || isVersionAtLeast(request.brokerApiVersion, '2.14');
}

/** The body's object field as stored JSON, or undefined when absent. Throws nothing. */
export function toJsonObject(value: Record<string, unknown> | undefined): JsonObject | undefined {
  // Request bodies come from JSON.parse, so every value is JSON.
  return value as JsonObject | undefined;
}
