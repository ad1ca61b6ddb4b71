/**
 * The catalog as the broker runtime reads it ("Catalog Management"): the offering and plan a
 * request names, and the per-plan features in which a plan's field overrides its offering's.
 * The catalog's own rules (unique IDs, `requires` values, schema sizes) are checked elsewhere,
 * when the broker starts and when the generator runs.
 */
import type { JsonObject } from './store.js';

/** A plan's maintenance level ("Maintenance Info Object"). */
export interface CatalogMaintenanceInfo {
  version: string;
  description?: string | undefined;
}

/** A JSON Schema for `parameters`; the catalog rules require it to declare `$schema`. */
export type ParametersJsonSchema = JsonObject & { $schema: string };

/** One JSON Schema of a plan's input parameters ("Input Parameters Schema Object"). */
export interface CatalogParametersSchema {
  parameters?: ParametersJsonSchema | undefined;
}

/** Display conventions for a plan ("Service Plan Object" metadata); anything else is allowed. */
export interface CatalogPlanMetadata {
  [key: string]: unknown;
  bullets?: string[] | undefined;
  costs?: { amount: Record<string, number>; unit: string }[] | undefined;
  displayName?: string | undefined;
}

/** Display conventions for an offering ("Service Offering Object" metadata). */
export interface CatalogServiceMetadata {
  [key: string]: unknown;
  displayName?: string | undefined;
  imageUrl?: string | undefined;
  longDescription?: string | undefined;
  providerDisplayName?: string | undefined;
  documentationUrl?: string | undefined;
  supportUrl?: string | undefined;
  shareable?: boolean | undefined;
}

/** A plan's parameter schemas ("Schemas Object"). */
export interface CatalogPlanSchemas {
  service_instance?:
    | { create?: CatalogParametersSchema | undefined; update?: CatalogParametersSchema | undefined }
    | undefined;
  service_binding?: { create?: CatalogParametersSchema | undefined } | undefined;
}

/** A Service Plan ("Service Plan Object"), with the fields the runtime reads. */
export interface CatalogPlan {
  id: string;
  name: string;
  description: string;
  metadata?: CatalogPlanMetadata | undefined;
  free?: boolean | undefined;
  bindable?: boolean | undefined;
  binding_rotatable?: boolean | undefined;
  plan_updateable?: boolean | undefined;
  schemas?: CatalogPlanSchemas | undefined;
  maximum_polling_duration?: number | undefined;
  maintenance_info?: CatalogMaintenanceInfo | undefined;
}

/** The permissions an offering may require ("Service Offering Object" `requires`). */
export type CatalogRequirement = 'syslog_drain' | 'route_forwarding' | 'volume_mount';

/** A Service Offering ("Service Offering Object"), with the fields the runtime reads. */
export interface CatalogService {
  id: string;
  name: string;
  description: string;
  bindable: boolean;
  plans: CatalogPlan[];
  tags?: string[] | undefined;
  requires?: CatalogRequirement[] | undefined;
  instances_retrievable?: boolean | undefined;
  bindings_retrievable?: boolean | undefined;
  allow_context_updates?: boolean | undefined;
  plan_updateable?: boolean | undefined;
  metadata?: CatalogServiceMetadata | undefined;
  dashboard_client?: { id: string; secret: string; redirect_uri?: string | undefined } | undefined;
}

/** The body of `GET /v2/catalog`. */
export interface BrokerCatalog {
  services: CatalogService[];
}

/** An offering and one of its plans. */
export interface CatalogEntry {
  service: CatalogService;
  plan: CatalogPlan;
}

/** Which request a parameters schema checks. */
export type ParametersSchemaKind = 'provision' | 'update' | 'bind';

/** The offering with `serviceId`, or undefined; throws nothing. */
export function findService(catalog: BrokerCatalog, serviceId: string): CatalogService | undefined {
  return catalog.services.find((service) => service.id === serviceId);
}

/** The offering `serviceId` and its plan `planId`, or undefined; throws nothing. */
export function findCatalogEntry(
  catalog: BrokerCatalog,
  serviceId: string,
  planId: string,
): CatalogEntry | undefined {
  const service = findService(catalog, serviceId);
  const plan = service?.plans.find((candidate) => candidate.id === planId);
  return service && plan ? { service, plan } : undefined;
}

/** Whether instances of the plan can be bound: the plan's `bindable` overrides the offering's. */
export function isPlanBindable({ service, plan }: CatalogEntry): boolean {
  return plan.bindable ?? service.bindable;
}

/** Whether an instance of the plan may change plan: the plan's flag overrides the offering's. */
export function isPlanUpdateable({ service, plan }: CatalogEntry): boolean {
  return plan.plan_updateable ?? service.plan_updateable ?? false;
}

/** The JSON Schema of the parameters of one kind of request to the plan, if it has one. */
export function getParametersSchema(
  plan: CatalogPlan,
  kind: ParametersSchemaKind,
): JsonObject | undefined {
  if (kind === 'bind') return plan.schemas?.service_binding?.create?.parameters;
  const schemas = plan.schemas?.service_instance;
  return kind === 'provision' ? schemas?.create?.parameters : schemas?.update?.parameters;
}
