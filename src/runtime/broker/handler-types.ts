/**
 * What the generated routes hand each handler method (`{ params, query, headers, body, raw }`)
 * and what it answers (`{ status, body, headers }`), typed here without importing generated
 * code: the object `createBrokerHandlers` returns is structurally a generated `Handlers`.
 * Each reply type lists only the statuses the curated specification declares for its
 * operation; an `OsbError` thrown by the broker author is answered with its own status.
 */
import type { FastifyRequest } from 'fastify';
import type { OsbErrorBody } from '../errors.js';
import type { BrokerCatalog } from './catalog-plans.js';
import type {
  BindingMetadata,
  BindingEndpoint,
  InstanceMetadata,
  VolumeMount,
} from './services.js';
import type { JsonObject } from './store.js';

/** Headers a reply may carry. */
export type ReplyHeaders = Record<string, string | number | readonly string[]>;

/** A reply with a body. */
export interface BodyReply<Status extends number, Body> {
  status: Status;
  body: Body;
  headers?: ReplyHeaders;
}

/** An error reply in the OSB error shape. */
export type ErrorReply<Status extends number> = BodyReply<Status, OsbErrorBody>;

/** The OSB headers of a request; `raw` carries the rest. */
export interface OsbRequestHeaders {
  'x-broker-api-version'?: string | undefined;
  'x-broker-api-originating-identity'?: string | undefined;
  'x-broker-api-request-identity'?: string | undefined;
}

interface InstanceParams {
  instance_id: string;
}

interface BindingParams {
  instance_id: string;
  binding_id: string;
}

/** Every request a handler method receives. */
export interface HandlerRequest {
  headers?: OsbRequestHeaders | undefined;
  /** The Fastify request: `brokerApiVersion`, `originatingIdentity`, `log`. */
  raw: FastifyRequest;
}

/** `maintenance_info` in requests and answers ("Maintenance Info Object"). */
export interface MaintenanceInfoBody {
  version: string;
  description?: string | undefined;
}

/** The body of a provision request ("Provisioning"). */
export interface ProvisionBody {
  service_id: string;
  plan_id: string;
  context?: Record<string, unknown> | undefined;
  organization_guid?: string | undefined;
  space_guid?: string | undefined;
  parameters?: Record<string, unknown> | undefined;
  maintenance_info?: MaintenanceInfoBody | undefined;
}

/** The body of an update request ("Updating a Service Instance"). */
export interface UpdateBody {
  service_id: string;
  plan_id?: string | undefined;
  context?: Record<string, unknown> | undefined;
  parameters?: Record<string, unknown> | undefined;
  previous_values?: Record<string, unknown> | undefined;
  maintenance_info?: MaintenanceInfoBody | undefined;
}

/** The body of a bind request ("Binding"). */
export interface BindBody {
  service_id: string;
  plan_id: string;
  context?: Record<string, unknown> | undefined;
  app_guid?: string | undefined;
  bind_resource?: Record<string, unknown> | undefined;
  parameters?: Record<string, unknown> | undefined;
  predecessor_binding_id?: string | undefined;
}

/** The query of a request that may answer 202. */
export interface AsyncQuery {
  accepts_incomplete?: boolean | undefined;
}

/** The query of a deprovision or unbind request; both IDs are required. */
export interface DeleteQuery extends AsyncQuery {
  service_id: string;
  plan_id: string;
}

/** The query hints of a fetch. */
export interface FetchQuery {
  service_id?: string | undefined;
  plan_id?: string | undefined;
}

/** The query of a last_operation request. */
export interface PollQuery extends FetchQuery {
  operation?: string | undefined;
}

/** What each handler method receives, by operation. */
export type GetCatalogRequest = HandlerRequest;
export interface ProvisionRequest extends HandlerRequest {
  params: InstanceParams;
  query: AsyncQuery;
  body: ProvisionBody;
}
export interface UpdateRequest extends HandlerRequest {
  params: InstanceParams;
  query: AsyncQuery;
  body: UpdateBody;
}
export interface DeprovisionRequest extends HandlerRequest {
  params: InstanceParams;
  query: DeleteQuery;
}
export interface FetchInstanceRequest extends HandlerRequest {
  params: InstanceParams;
  query: FetchQuery;
}
export interface PollInstanceRequest extends HandlerRequest {
  params: InstanceParams;
  query: PollQuery;
}
export interface BindRequest extends HandlerRequest {
  params: BindingParams;
  query: AsyncQuery;
  body: BindBody;
}
export interface UnbindRequest extends HandlerRequest {
  params: BindingParams;
  query: DeleteQuery;
}
export interface FetchBindingRequest extends HandlerRequest {
  params: BindingParams;
  query: FetchQuery;
}
export interface PollBindingRequest extends HandlerRequest {
  params: BindingParams;
  query: PollQuery;
}
export interface GetInstanceStateRequest {
  params: InstanceParams;
  raw: FastifyRequest;
}
export interface UpdateInstanceStateRequest {
  params: InstanceParams;
  body: { enabled: boolean; initiator_id?: string | undefined; reason_code?: string | undefined };
  raw: FastifyRequest;
}

/** The body of a successful provision or update answer. */
export interface InstanceResponseBody {
  dashboard_url?: string;
  operation?: string;
  metadata?: InstanceMetadata;
}

/** The body of a 202 to a deprovision, bind or unbind. */
export interface OperationBody {
  operation?: string;
}

/** The body of a successful bind answer. */
export interface BindingResponseBody {
  credentials?: JsonObject;
  syslog_drain_url?: string;
  route_service_url?: string;
  volume_mounts?: VolumeMount[];
  endpoints?: BindingEndpoint[];
  metadata?: BindingMetadata;
}

/** The body of a fetched binding. */
export interface FetchBindingBody extends BindingResponseBody {
  parameters?: JsonObject;
}

/** The body of a fetched instance. */
export interface FetchInstanceBody {
  service_id?: string;
  plan_id?: string;
  dashboard_url?: string;
  parameters?: JsonObject;
  maintenance_info?: MaintenanceInfoBody;
  metadata?: InstanceMetadata;
}

/** The body of a last_operation answer. */
export interface LastOperationBody {
  state: 'in progress' | 'succeeded' | 'failed';
  description?: string;
  instance_usable?: boolean;
  update_repeatable?: boolean;
}

/** IBM Cloud's instance state. */
export interface InstanceStateBody {
  enabled: boolean;
  active?: boolean;
  last_active?: number;
}

/** What each handler method answers, by operation: the statuses the specification declares. */
export type GetCatalogReply = BodyReply<200, BrokerCatalog> | ErrorReply<400>;
export type ProvisionReply =
  | BodyReply<200, InstanceResponseBody>
  | BodyReply<201, InstanceResponseBody>
  | BodyReply<202, InstanceResponseBody>
  | ErrorReply<400 | 409 | 422>;
export type UpdateReply =
  | BodyReply<200, InstanceResponseBody>
  | BodyReply<202, InstanceResponseBody>
  | ErrorReply<400 | 422>;
export type DeprovisionReply =
  | BodyReply<200, Record<string, never>>
  | BodyReply<202, OperationBody>
  | ErrorReply<400 | 410 | 422>;
export type FetchInstanceReply =
  BodyReply<200, FetchInstanceBody> | ErrorReply<400 | 404 | 412 | 422>;
export type PollInstanceReply = BodyReply<200, LastOperationBody> | ErrorReply<400 | 404 | 410>;
export type BindReply =
  | BodyReply<200, BindingResponseBody>
  | BodyReply<201, BindingResponseBody>
  | BodyReply<202, OperationBody>
  | ErrorReply<400 | 409 | 422>;
export type UnbindReply =
  | BodyReply<200, Record<string, never>>
  | BodyReply<202, OperationBody>
  | ErrorReply<400 | 410 | 422>;
export type FetchBindingReply = BodyReply<200, FetchBindingBody> | ErrorReply<400 | 404 | 412>;
export type PollBindingReply =
  BodyReply<200, LastOperationBody> | ErrorReply<400 | 404 | 410 | 412>;
export type GetInstanceStateReply = BodyReply<200, InstanceStateBody> | ErrorReply<404>;
export type UpdateInstanceStateReply = BodyReply<200, InstanceStateBody> | ErrorReply<400 | 404>;

/** The twelve operations of the curated OSB specification, one method each. */
export interface BrokerHandlers {
  getCatalog(request: GetCatalogRequest): Promise<GetCatalogReply>;
  provisionServiceInstance(request: ProvisionRequest): Promise<ProvisionReply>;
  updateServiceInstance(request: UpdateRequest): Promise<UpdateReply>;
  deprovisionServiceInstance(request: DeprovisionRequest): Promise<DeprovisionReply>;
  fetchServiceInstance(request: FetchInstanceRequest): Promise<FetchInstanceReply>;
  pollServiceInstanceLastOperation(request: PollInstanceRequest): Promise<PollInstanceReply>;
  createServiceBinding(request: BindRequest): Promise<BindReply>;
  deleteServiceBinding(request: UnbindRequest): Promise<UnbindReply>;
  fetchServiceBinding(request: FetchBindingRequest): Promise<FetchBindingReply>;
  pollServiceBindingLastOperation(request: PollBindingRequest): Promise<PollBindingReply>;
  getServiceInstanceState(request: GetInstanceStateRequest): Promise<GetInstanceStateReply>;
  updateServiceInstanceState(
    request: UpdateInstanceStateRequest,
  ): Promise<UpdateInstanceStateReply>;
}
