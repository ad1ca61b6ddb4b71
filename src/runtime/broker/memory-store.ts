/**
 * The Store contract kept in process memory: for tests, and for brokers whose state may be lost
 * on restart. Each instance has its own mutex (`instance-mutex.ts`), so `withInstance` calls for
 * one instance never overlap while calls for different instances run side by side. A transaction
 * copies the instance's entry on its first write and commits the copy only when `work`
 * resolves, so a rejected `work` leaves nothing behind. Records go in and out as deep copies:
 * a caller mutating a record it read or wrote never changes the store.
 */
import { OsbUsageError } from '../errors.js';
import { copyJson } from './copy-json.js';
import { createInstanceMutex } from './instance-mutex.js';
import type {
  InstanceTransaction,
  OperationRecord,
  ServiceBindingRecord,
  ServiceInstanceRecord,
  Store,
} from './store.js';

/** Everything kept for one instance ID. */
interface InstanceEntry {
  instance: ServiceInstanceRecord | undefined;
  /** Created with the first binding: an empty Map costs about 190 bytes, and most have none. */
  bindings: Map<string, ServiceBindingRecord> | undefined;
  /** In the order they were first written, so the last match is the most recent. */
  operations: OperationRecord[] | undefined;
}

/** An in-memory Store; throws OsbUsageError OSB_RUNTIME_INVALID_OPTIONS once closed. */
export class MemoryStore implements Store {
  readonly #entries = new Map<string, InstanceEntry>();
  readonly #mutex = createInstanceMutex();
  #closed = false;

  async withInstance<T>(
    instanceId: string,
    work: (tx: InstanceTransaction) => Promise<T>,
  ): Promise<T> {
    this.#assertOpen();
    const release = await this.#mutex.acquire(instanceId);
    try {
      const tx = new MemoryTransaction(this.#entries.get(instanceId));
      const result = await work(tx);
      if (tx.draft) this.#entries.set(instanceId, tx.draft);
      return result;
    } finally {
      release();
    }
  }

  async claimExpiredOperations(
    owner: string,
    now: Date,
    leaseExpiresAt: Date,
  ): Promise<OperationRecord[]> {
    this.#assertOpen();
    const candidates = [...this.#entries]
      .filter(([, entry]) => entry.operations?.some((op) => isExpired(op, now)) === true)
      .map(([instanceId]) => instanceId);
    const claimed: OperationRecord[] = [];
    // Each claim takes the instance lock, as any other write does.
    for (const instanceId of candidates) {
      await this.withInstance(instanceId, async (tx) => {
        for (const operation of await tx.listActiveOperations()) {
          if (!isExpired(operation, now)) continue;
          const taken: OperationRecord = {
            ...operation,
            owner,
            leaseExpiresAt: leaseExpiresAt.toISOString(),
            updatedAt: now.toISOString(),
          };
          await tx.putOperation(taken);
          claimed.push(copyJson(taken));
        }
      });
    }
    return claimed;
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #assertOpen(): void {
    if (this.#closed) {
      throw new OsbUsageError('OSB_RUNTIME_INVALID_OPTIONS', 'MemoryStore: used after close()');
    }
  }
}

function isExpired(operation: OperationRecord, now: Date): boolean {
  if (operation.state !== 'in progress') return false;
  if (operation.leaseExpiresAt === null) return true;
  return Date.parse(operation.leaseExpiresAt) <= now.getTime();
}

function copyEntry(entry: InstanceEntry | undefined): InstanceEntry {
  if (entry === undefined)
    return { instance: undefined, bindings: undefined, operations: undefined };
  // Stored records are never changed in place (a write replaces a record with a copy of what
  // it was given, a read hands out a copy), so the draft can share them and copy only the
  // containers it adds to and replaces in.
  return {
    instance: entry.instance,
    bindings: entry.bindings && new Map(entry.bindings),
    operations: entry.operations && [...entry.operations],
  };
}

/**
 * One `withInstance` call's reads and writes. The first write copies the committed entry into
 * `draft`, which `withInstance` commits when the work resolves.
 */
class MemoryTransaction implements InstanceTransaction {
  draft: InstanceEntry | undefined;
  readonly #committed: InstanceEntry | undefined;

  constructor(committed: InstanceEntry | undefined) {
    this.#committed = committed;
  }

  async getInstance(): Promise<ServiceInstanceRecord | undefined> {
    return copyJson(this.#read()?.instance);
  }

  async putInstance(record: ServiceInstanceRecord): Promise<void> {
    this.#write().instance = copyJson(record);
  }

  async getBinding(bindingId: string): Promise<ServiceBindingRecord | undefined> {
    return copyJson(this.#read()?.bindings?.get(bindingId));
  }

  async putBinding(record: ServiceBindingRecord): Promise<void> {
    const entry = this.#write();
    (entry.bindings ??= new Map()).set(record.bindingId, copyJson(record));
  }

  async listBindings(): Promise<ServiceBindingRecord[]> {
    return [...(this.#read()?.bindings?.values() ?? [])].map((record) => copyJson(record));
  }

  async getOperation(
    bindingId: string | null,
    operationId: string,
  ): Promise<OperationRecord | undefined> {
    return copyJson(this.#operationsOf(bindingId).find((op) => op.operationId === operationId));
  }

  async getLatestOperation(bindingId: string | null): Promise<OperationRecord | undefined> {
    return copyJson(this.#operationsOf(bindingId).at(-1));
  }

  async listActiveOperations(): Promise<OperationRecord[]> {
    return (this.#read()?.operations ?? [])
      .filter((op) => op.state === 'in progress')
      .map((op) => copyJson(op));
  }

  async putOperation(record: OperationRecord): Promise<void> {
    const operations = (this.#write().operations ??= []);
    const index = operations.findIndex(
      (op) => op.bindingId === record.bindingId && op.operationId === record.operationId,
    );
    if (index >= 0) operations[index] = copyJson(record);
    else operations.push(copyJson(record));
  }

  #read(): InstanceEntry | undefined {
    return this.draft ?? this.#committed;
  }

  #write(): InstanceEntry {
    return (this.draft ??= copyEntry(this.#committed));
  }

  #operationsOf(bindingId: string | null): OperationRecord[] {
    return (this.#read()?.operations ?? []).filter((op) => op.bindingId === bindingId);
  }
}
