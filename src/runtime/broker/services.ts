/**
 * The broker author's contract: business logic only.
 *
 * `createBrokerHandlers` answers every OSB request itself. It checks the request against the
 * catalog, decides the idempotent answers (200, 201, 202, 409, 410) from the store, refuses
 * concurrent changes, runs background work and reports it on `last_operation`. It calls the
 * methods below only when a request truly asks for work, at most once per request, and never
 * for a repeat of a request it already answered. A method never chooses a status code for a
 * rule the runtime decides; it returns an outcome, or throws an `OsbError` for a refusal only
 * the business logic can know (a quota exceeded: 422, a parameter combination the schema
 * cannot express: 400).
 *
 * Synchronous or asynchronous ("Synchronous and Asynchronous Operations"). A method either
 * does the work before it returns (the platform gets 200 or 201) or returns `{ async }`: a
 * function the runtime runs in the background after answering 202. When the request lacks
 * `accepts_incomplete=true`, the runtime answers 422 AsyncRequired and never runs that
 * function, so a method that returns `{ async }` must not have changed anything before it
 * returns; every input carries `acceptsIncomplete` for a method that can do either.
 *
 * Locking. The synchronous part of a method runs while the runtime holds the instance's lock
 * (`Store.withInstance`), so that two requests for one instance never interleave: keep it
 * short and move slow work into `async`. Background work runs without the lock.
 *
 * Errors. Throw an `OsbError` (`badRequest`, `new OsbError(422, {...})`) to refuse; it is
 * answered as thrown, and a refusal must leave everything unchanged ("Service Broker Errors").
 * Any other error is a bug: logged, answered 500, and, for provision and bind, the resource is
 * kept as `failed` so that the platform's orphan-mitigation delete still reaches `deprovision`
 * or `unbind` ("Orphan Mitigation"). From background work, a thrown `OsbError`'s description
 * (and, for update and deprovision, `instance_usable` / `update_repeatable`) becomes the failed
 * `last_operation`.
 */
import type { BrokerApiVersion } from '../api-version.js';
import type { OriginatingIdentity } from '../originating-identity.js';
import type { CatalogPlan, CatalogService } from './catalog-plans.js';
import type {
  JsonObject,
  OperationType,
  ServiceBindingRecord,
  ServiceInstanceRecord,
} from './store.js';

/** Key/value pairs describing an instance ("Service Instance Metadata"). */
export interface InstanceMetadata {
  /** Shown to platform users; they never change platform behaviour. */
  labels?: Record<string, string> | undefined;
  /** May change platform behaviour (OSB 2.17). */
  attributes?: JsonObject | undefined;
}

/** Binding management data ("Binding Metadata Object"), both as `yyyy-mm-ddThh:mm:ss.sZ`. */
export interface BindingMetadata {
  expires_at?: string | undefined;
  /** No later than `expires_at`. */
  renew_before?: string | undefined;
}

/** A remote volume to mount ("Volume Mount Object"); needs `volume_mount` in `requires`. */
export interface VolumeMount {
  driver: string;
  container_dir: string;
  mode: 'r' | 'rw';
  device_type: 'shared';
  device: { volume_id: string; mount_config?: JsonObject | undefined };
}

/** A network endpoint of the instance ("Endpoint Object"). */
export interface BindingEndpoint {
  host: string;
  /** Single ports (`"443"`) or ranges (`"9000-9010"`); at least one. */
  ports: string[];
  protocol?: 'tcp' | 'udp' | 'all' | undefined;
}

/** What a binding hands to the application ("Binding" response body). */
export interface BindingDetails {
  credentials?: JsonObject | undefined;
  /** Needs `syslog_drain` in the offering's `requires`. */
  syslogDrainUrl?: string | undefined;
  /** Needs `route_forwarding` in the offering's `requires`. */
  routeServiceUrl?: string | undefined;
  volumeMounts?: VolumeMount[] | undefined;
  endpoints?: BindingEndpoint[] | undefined;
  metadata?: BindingMetadata | undefined;
}

/** What background work can do while it runs. */
export interface OperationProgress {
  /** The `operation` the platform polls with. */
  readonly operationId: string;
  /**
   * Aborted when the work must stop: a delete arrived while this work creates the resource,
   * another broker process took the operation over, the plan's `maximum_polling_duration` has
   * passed (the operation then fails), or the broker is closing. What the work returns after
   * the signal fired is discarded.
   */
  readonly signal: AbortSignal;
  /**
   * Persists a non-empty, user-facing progress message; `last_operation` reports it, and keeps
   * the last one with the final state (report a closing message before returning).
   */
  report(description: string): Promise<void>;
  /** Persists data that `resume` receives if the broker restarts (an external job ID, a step). */
  checkpoint(data: JsonObject): Promise<void>;
}

/** Work the runtime runs in the background after answering 202 Accepted. */
export type BackgroundWork<Result> = (progress: OperationProgress) => Promise<Result>;

/** Fields of an outcome that runs in the background. */
export interface InBackground<Result> {
  /** The `operation` handle (at most 10,000 characters); the runtime makes one up when absent. */
  operation?: string | undefined;
  async: BackgroundWork<Result>;
}

/** Who asks and how: facts of the request every input carries. */
export interface RequestFacts {
  /** The platform user behind the request, when the platform sent one. */
  originatingIdentity: OriginatingIdentity | undefined;
  /** The platform's `X-Broker-API-Version`. */
  apiVersion: BrokerApiVersion | undefined;
  /** Whether the platform accepts a 202 (`accepts_incomplete=true`, honoured from 2.14 for bindings). */
  acceptsIncomplete: boolean;
}

/** The parameter types of one plan's requests (the generator derives them from `schemas`). */
export interface PlanParameters {
  provision?: unknown;
  update?: unknown;
  bind?: unknown;
}

/** Parameter types by plan ID; the default types every plan's parameters as a JSON object. */
export type PlanParameterTypes = Record<string, PlanParameters>;

/** The type of `Kind` parameters for `PlanId`, or JsonObject when none is declared. */
export type ParametersOf<
  T extends PlanParameterTypes,
  PlanId extends keyof T,
  Kind extends keyof PlanParameters,
> = T[PlanId] extends { [K in Kind]: infer P } ? P : JsonObject;

/** Fields of a provision request besides the plan and its parameters. */
export interface ProvisionFacts extends RequestFacts {
  instanceId: string;
  serviceId: string;
  service: CatalogService;
  plan: CatalogPlan;
  context: JsonObject | undefined;
  /** Deprecated by `context`; IBM Cloud and OSB 2.12 platforms may omit it. */
  organizationGuid: string | undefined;
  spaceGuid: string | undefined;
  /** The plan's maintenance version the platform asked for (already checked against the catalog). */
  maintenanceInfo: { version: string } | undefined;
}

/** A provision, narrowed by `planId` to that plan's parameter type. */
export type ProvisionInput<T extends PlanParameterTypes = PlanParameterTypes> = {
  [PlanId in keyof T & string]: ProvisionFacts & {
    planId: PlanId;
    /** Valid against the plan's create schema; `{}` when the platform sent none. */
    parameters: ParametersOf<T, PlanId, 'provision'>;
  };
}[keyof T & string];

/** A provision finished within the request (answered 201 Created). */
export interface ProvisionDone {
  /** Only here: a dashboard URL must come with the first answer, even an asynchronous one. */
  dashboardUrl?: string | undefined;
  metadata?: InstanceMetadata | undefined;
}

/** What asynchronous provisioning or updating may add when it finishes. */
export interface InstanceResult {
  metadata?: InstanceMetadata | undefined;
}

export type ProvisionOutcome =
  ProvisionDone | (ProvisionDone & InBackground<InstanceResult | void>);

/** Fields of an update request besides the plan and its parameters. */
export interface UpdateFacts extends RequestFacts {
  instanceId: string;
  serviceId: string;
  service: CatalogService;
  /** The plan the instance moves to: `planId`'s plan, or its current plan when unchanged. */
  plan: CatalogPlan;
  /** The instance's plan before this update. */
  previousPlanId: string;
  /** The instance as it is now. */
  instance: Readonly<ServiceInstanceRecord>;
  /** Sent when the platform's context changed; undefined when absent. */
  context: JsonObject | undefined;
  /** The maintenance version to move to, when the platform asked for one. */
  maintenanceInfo: { version: string } | undefined;
  previousValues: JsonObject | undefined;
}

/** An update, narrowed by `planId`. `parameters` is undefined when unchanged. */
export type UpdateInput<T extends PlanParameterTypes = PlanParameterTypes> = {
  [PlanId in keyof T & string]: UpdateFacts & {
    planId: PlanId;
    /** Only what the user changed, valid against the update schema; undefined: unchanged. */
    parameters: ParametersOf<T, PlanId, 'update'> | undefined;
  };
}[keyof T & string];

/** An update finished within the request (answered 200). */
export interface UpdateDone {
  dashboardUrl?: string | undefined;
  metadata?: InstanceMetadata | undefined;
}

export type UpdateOutcome = UpdateDone | (UpdateDone & InBackground<InstanceResult | void>);

/** A deprovision. */
export interface DeprovisionInput extends RequestFacts {
  instanceId: string;
  serviceId: string;
  planId: string;
  /** Undefined when the offering or plan has since left the catalog. */
  service: CatalogService | undefined;
  plan: CatalogPlan | undefined;
  instance: Readonly<ServiceInstanceRecord>;
  /** True when the instance's creation was still running and has just been halted. */
  haltedCreation: boolean;
}

/** Nothing: deleted within the request (200); or `{ async }`: deleting in the background. */
export type DeleteOutcome = void | InBackground<void>;

/** Fields of a bind request besides the plan and its parameters. */
export interface BindFacts extends RequestFacts {
  instanceId: string;
  bindingId: string;
  serviceId: string;
  service: CatalogService;
  plan: CatalogPlan;
  instance: Readonly<ServiceInstanceRecord>;
  context: JsonObject | undefined;
  /** `bind_resource`, as sent. */
  bindResource: JsonObject | undefined;
  /** `bind_resource.app_guid`, or the deprecated top-level `app_guid`. */
  appGuid: string | undefined;
  /** For a rotation (OSB 2.17): the live binding of the same instance this one succeeds. */
  predecessor: Readonly<ServiceBindingRecord> | undefined;
}

/** A bind, narrowed by `planId`. */
export type BindInput<T extends PlanParameterTypes = PlanParameterTypes> = {
  [PlanId in keyof T & string]: BindFacts & {
    planId: PlanId;
    /** Valid against the plan's binding schema; `{}` when the platform sent none. */
    parameters: ParametersOf<T, PlanId, 'bind'>;
  };
}[keyof T & string];

/**
 * Details: bound within the request (201). `{ async }`: bound in the background (202, only
 * from OSB 2.14, and only for offerings with `bindings_retrievable`, since the platform then
 * reads the credentials by fetching the binding).
 */
export type BindOutcome = BindingDetails | InBackground<BindingDetails>;

/** An unbind. */
export interface UnbindInput extends RequestFacts {
  instanceId: string;
  bindingId: string;
  serviceId: string;
  planId: string;
  /** Undefined when the offering or plan has since left the catalog. */
  service: CatalogService | undefined;
  plan: CatalogPlan | undefined;
  instance: Readonly<ServiceInstanceRecord>;
  binding: Readonly<ServiceBindingRecord>;
  /** True when the binding's creation was still running and has just been halted. */
  haltedCreation: boolean;
}

/** A fetch of an instance (`instances_retrievable`), to report what changed out of band. */
export interface FetchInstanceInput extends RequestFacts {
  service: CatalogService;
  plan: CatalogPlan;
  instance: Readonly<ServiceInstanceRecord>;
}

/** Replaces what the store knows; a field left out keeps the stored value. */
export interface InstanceView {
  /** `{}` hides every parameter (a broker MAY omit sensitive ones). */
  parameters?: JsonObject | undefined;
  dashboardUrl?: string | undefined;
  maintenanceInfo?: { version: string; description?: string | undefined } | undefined;
  metadata?: InstanceMetadata | undefined;
}

/** A fetch of a binding (`bindings_retrievable`). */
export interface FetchBindingInput extends RequestFacts {
  service: CatalogService;
  plan: CatalogPlan;
  instance: Readonly<ServiceInstanceRecord>;
  binding: Readonly<ServiceBindingRecord>;
}

/** Replaces what the store knows about a binding; a field left out keeps the stored value. */
export interface BindingView extends BindingDetails {
  parameters?: JsonObject | undefined;
}

/** An operation whose broker process stopped before it finished, handed to `resume`. */
export interface InterruptedOperation {
  type: OperationType;
  operationId: string;
  instanceId: string;
  bindingId: string | null;
  instance: Readonly<ServiceInstanceRecord> | undefined;
  binding: Readonly<ServiceBindingRecord> | undefined;
  /** The request as the runtime recorded it (IDs, parameters, context). */
  request: JsonObject;
  /** The last data the work passed to `progress.checkpoint`, or null. */
  checkpoint: JsonObject | null;
}

/** IBM Cloud's enable/disable (`PUT /bluemix_v1/service_instances/:id`). */
export interface InstanceStateInput {
  instance: Readonly<ServiceInstanceRecord>;
  enabled: boolean;
  initiatorId: string | undefined;
  reasonCode: string | undefined;
}

/**
 * The broker's business logic. `T` types each plan's parameters by plan ID; narrow an input
 * with `if (input.planId === 'small-plan-id')` to get that plan's parameter type.
 */
export interface BrokerServices<T extends PlanParameterTypes = PlanParameterTypes> {
  /** Creates what a Service Instance stands for ("Provisioning"). */
  provision(input: ProvisionInput<T>): Promise<ProvisionOutcome>;
  /** Changes plan, parameters, maintenance or context; without it updates are refused (422). */
  update?(input: UpdateInput<T>): Promise<UpdateOutcome>;
  /** Deletes everything `provision` created, also after a failed or halted creation. */
  deprovision(input: DeprovisionInput): Promise<DeleteOutcome>;
  /** Creates a binding; required when a plan of the catalog is bindable. */
  bind?(input: BindInput<T>): Promise<BindOutcome>;
  /** Deletes a binding; required when `bind` is given. */
  unbind?(input: UnbindInput): Promise<DeleteOutcome>;
  /** Adds what only the service knows to `GET` of an instance. */
  fetchInstance?(input: FetchInstanceInput): Promise<InstanceView | void>;
  /** Adds what only the service knows to `GET` of a binding (credentials kept elsewhere). */
  fetchBinding?(input: FetchBindingInput): Promise<BindingView | void>;
  /**
   * Continues an operation whose process stopped (a crash, a SIGKILL) and returns what that
   * operation's background work would have returned. Without it, such operations are marked
   * failed: "interrupted by a broker restart".
   */
  resume?(
    operation: InterruptedOperation,
    progress: OperationProgress,
  ): Promise<InstanceResult | BindingDetails | void>;
  /** IBM Cloud: cut off or restore access when the instance is disabled or enabled. */
  updateInstanceState?(input: InstanceStateInput): Promise<void>;
}
