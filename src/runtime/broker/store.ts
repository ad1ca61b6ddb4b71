/**
 * The broker's state: service instances, service bindings and the operations that change them.
 *
 * The runtime decides every idempotent answer from this state (OSB "Provisioning", "Binding",
 * "Polling Last Operation"): 200 for an identical repeat, 409 for the same ID with different
 * attributes, 202 with the same `operation` for a repeat while it runs, 410 once deleted. So
 * the state must be consistent across broker replicas: every read-decide-write for one service
 * instance (and its bindings) runs inside `Store.withInstance`, which serializes it with every
 * other such call for the same instance, in this process or any other sharing the store.
 *
 * Three implementations keep this contract: in memory (tests), embedded and durable (the
 * default: no server, survives restarts and crashes), and PostgreSQL (several replicas).
 */

/** JSON as stored: whatever a platform or a handler sent. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Where an instance or binding is in its life. `gone` is the tombstone a delete leaves. */
export type ResourceState = 'creating' | 'ready' | 'updating' | 'deleting' | 'gone' | 'failed';

export interface ServiceInstanceRecord {
  instanceId: string;
  serviceId: string;
  planId: string;
  /**
   * The provision request's attributes in canonical form (sorted-key JSON of service_id,
   * plan_id, context, organization_guid, space_guid, parameters, maintenance_info), to tell an
   * identical repeat (200/202) from a conflicting one (409).
   */
  fingerprint: string;
  parameters: JsonObject | null;
  context: JsonObject | null;
  organizationGuid: string | null;
  spaceGuid: string | null;
  maintenanceInfo: JsonObject | null;
  dashboardUrl: string | null;
  metadata: JsonObject | null;
  state: ResourceState;
  /** IBM Cloud `/bluemix_v1` state: a disabled instance refuses new bindings. */
  enabled: boolean;
  /** Milliseconds since the epoch when the instance was last used, as IBM reports it. */
  lastActive: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface ServiceBindingRecord {
  instanceId: string;
  bindingId: string;
  serviceId: string;
  planId: string;
  /** The bind request's attributes in canonical form, as for instances. */
  fingerprint: string;
  parameters: JsonObject | null;
  context: JsonObject | null;
  /** What the bind answered: credentials, syslog_drain_url, route_service_url, volume_mounts, endpoints, metadata. */
  response: JsonObject | null;
  state: ResourceState;
  createdAt: string;
  updatedAt: string;
}

export type OperationType = 'provision' | 'update' | 'deprovision' | 'bind' | 'unbind';
export type OperationState = 'in progress' | 'succeeded' | 'failed';

/** One asynchronous operation, persisted so that last_operation survives restarts. */
export interface OperationRecord {
  /** The `operation` value given to the platform; unique within its resource. */
  operationId: string;
  instanceId: string;
  /** Set for bind and unbind. */
  bindingId: string | null;
  type: OperationType;
  state: OperationState;
  description: string | null;
  /** For failed updates and deprovisions (OSB 2.16): whether the instance is still usable. */
  instanceUsable: boolean | null;
  updateRepeatable: boolean | null;
  /** The request's fingerprint, so that a re-sent request gets this operation back (202). */
  fingerprint: string;
  /** What the work needs to run or to resume after a restart. */
  payload: JsonObject;
  /** The process running the work, and until when it holds it; a crash lets the lease expire. */
  owner: string | null;
  leaseExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Reads and writes inside `Store.withInstance`; every write is part of one atomic commit. */
export interface InstanceTransaction {
  getInstance(): Promise<ServiceInstanceRecord | undefined>;
  putInstance(record: ServiceInstanceRecord): Promise<void>;
  getBinding(bindingId: string): Promise<ServiceBindingRecord | undefined>;
  putBinding(record: ServiceBindingRecord): Promise<void>;
  listBindings(): Promise<ServiceBindingRecord[]>;
  /** An operation of this instance (bindingId null) or of one of its bindings, by its id. */
  getOperation(bindingId: string | null, operationId: string): Promise<OperationRecord | undefined>;
  /** The most recent operation of the instance (bindingId null) or of a binding. */
  getLatestOperation(bindingId: string | null): Promise<OperationRecord | undefined>;
  /** Every operation `in progress` on the instance or any of its bindings. */
  listActiveOperations(): Promise<OperationRecord[]>;
  putOperation(record: OperationRecord): Promise<void>;
}

export interface Store {
  /**
   * Runs `work` with the instance locked: calls for the same instance ID never overlap, in any
   * process sharing the store. Writes commit when `work` resolves and are discarded when it
   * rejects. IDs that were never used read as undefined.
   */
  withInstance<T>(instanceId: string, work: (tx: InstanceTransaction) => Promise<T>): Promise<T>;
  /**
   * Takes over operations still `in progress` whose lease has expired (their process died), for
   * `owner`, until `leaseExpiresAt`; returns them so the runtime can resume or fail them.
   */
  claimExpiredOperations(
    owner: string,
    now: Date,
    leaseExpiresAt: Date,
  ): Promise<OperationRecord[]>;
  /** Releases connections and files. */
  close(): Promise<void>;
}
