/**
 * The Store contract kept in process memory: for tests, and for brokers whose state may be lost
 * on restart. Each instance has its own mutex (`instance-mutex.ts`), so `withInstance` calls for
 * one instance never overlap while calls for different instances run side by side. A transaction
 * copies the instance's entry on its first write and commits the copy only when `work`
 * resolves, so a rejected `work` leaves nothing behind. Records go in and out as deep copies:
 * a caller mutating a record it read or wrote never changes the store.
 */
import { OsbUsageError } from '../errors.js';
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
  bindings: Map<string, ServiceBindingRecord>;
  /** In the order they were first written, so the last match is the most recent. */
  operations: OperationRecord[];
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
      const committed = this.#entries.get(instanceId);
      let draft: InstanceEntry | undefined;
      const read = (): InstanceEntry | undefined => draft ?? committed;
      const write = (): InstanceEntry => (draft ??= copyEntry(committed));
      const result = await work(createTransaction(read, write));
      if (draft) this.#entries.set(instanceId, draft);
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
      .filter(([, entry]) => entry.operations.some((op) => isExpired(op, now)))
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
          claimed.push(structuredClone(taken));
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
  if (entry === undefined) return { instance: undefined, bindings: new Map(), operations: [] };
  return structuredClone(entry);
}

function createTransaction(
  read: () => InstanceEntry | undefined,
  write: () => InstanceEntry,
): InstanceTransaction {
  const operationsOf = (bindingId: string | null): OperationRecord[] =>
    (read()?.operations ?? []).filter((op) => op.bindingId === bindingId);
  return {
    async getInstance() {
      return copyOf(read()?.instance);
    },
    async putInstance(record) {
      write().instance = structuredClone(record);
    },
    async getBinding(bindingId) {
      return copyOf(read()?.bindings.get(bindingId));
    },
    async putBinding(record) {
      write().bindings.set(record.bindingId, structuredClone(record));
    },
    async listBindings() {
      return [...(read()?.bindings.values() ?? [])].map((record) => structuredClone(record));
    },
    async getOperation(bindingId, operationId) {
      return copyOf(operationsOf(bindingId).find((op) => op.operationId === operationId));
    },
    async getLatestOperation(bindingId) {
      return copyOf(operationsOf(bindingId).at(-1));
    },
    async listActiveOperations() {
      return (read()?.operations ?? [])
        .filter((op) => op.state === 'in progress')
        .map((op) => structuredClone(op));
    },
    async putOperation(record) {
      const operations = write().operations;
      const index = operations.findIndex(
        (op) => op.bindingId === record.bindingId && op.operationId === record.operationId,
      );
      if (index >= 0) operations[index] = structuredClone(record);
      else operations.push(structuredClone(record));
    },
  };
}

function copyOf<T>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : structuredClone(value);
}
