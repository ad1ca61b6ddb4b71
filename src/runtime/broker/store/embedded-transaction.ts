/**
 * The InstanceTransaction of the embedded store. Writes wait in a write set until `work`
 * resolves, then `applyWrites` commits them in one SQLite transaction; reads see the database
 * overlaid with the write set. Reading straight from the database is safe because the instance
 * lock keeps every other writer of this instance's rows away, and a claim of its operations too
 * (`claimExpiredOperations` skips locked instances).
 */
import type {
  InstanceTransaction,
  OperationRecord,
  ServiceBindingRecord,
  ServiceInstanceRecord,
} from '../store.js';
import { copyJson } from '../copy-json.js';
import type { EmbeddedDatabase } from './embedded-database.js';
import {
  BINDINGS,
  INSTANCES,
  OPERATIONS,
  assertSameInstance,
  fromRow,
  selectList,
  toBindingKey,
  toEpochMs,
  toOperationKey,
  toRow,
  upsertStatement,
} from './record-columns.js';
import type { ColumnKind, Table } from './record-columns.js';
import { assertTransactionActive } from './transaction-shell.js';

/** The writes of one transaction, each record in the order it was first written. */
export interface WriteSet {
  instance: ServiceInstanceRecord | undefined;
  bindings: Map<string, ServiceBindingRecord>;
  operations: Map<string, OperationRecord>;
}

/** An empty write set, for one `withInstance` call. */
export function createWriteSet(): WriteSet {
  return { instance: undefined, bindings: new Map(), operations: new Map() };
}

/** A record's value as SQLite stores it (see `embedded-schema.ts`). */
export function encodeEmbedded(kind: ColumnKind, value: unknown, field: string): unknown {
  if (value === null || value === undefined) return kind === 'binding' ? '' : null;
  switch (kind) {
    case 'json':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 1 : 0;
    case 'timestamp':
      return toEpochMs(String(value), field);
    default:
      return value;
  }
}

/** A stored value as the record holds it. */
export function decodeEmbedded(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'json':
      return JSON.parse(String(value));
    case 'boolean':
      return value === 1;
    case 'timestamp':
      return new Date(Number(value)).toISOString();
    case 'binding':
      return value === '' ? null : value;
    default:
      return value;
  }
}

const UPSERT = new Map<Table, string>(
  [INSTANCES, BINDINGS, OPERATIONS].map((table) => [table, upsertStatement(table, () => '?')]),
);

/** Inside the commit's write transaction: stores every record of the write set. */
export function applyWrites(database: EmbeddedDatabase, writes: WriteSet): void {
  const put = (table: Table, record: Parameters<typeof toRow>[1]): void => {
    database.prepare(UPSERT.get(table) ?? '').run(...toRow(table, record, encodeEmbedded));
  };
  if (writes.instance !== undefined) put(INSTANCES, writes.instance);
  for (const binding of writes.bindings.values()) put(BINDINGS, binding);
  for (const operation of writes.operations.values()) put(OPERATIONS, operation);
}

/**
 * Reads and writes of `instanceId`; every call throws StoreError OSB_STORE_TRANSACTION_ENDED
 * once `isActive` turns false, and writes of another instance's record throw
 * OSB_STORE_WRONG_INSTANCE.
 */
export function createEmbeddedTransaction(
  database: EmbeddedDatabase,
  instanceId: string,
  writes: WriteSet,
  isActive: () => boolean,
): InstanceTransaction {
  const assertActive = (): void => assertTransactionActive(isActive, instanceId);
  const select = async <T>(table: Table, where: string, params: unknown[]): Promise<T[]> => {
    assertActive();
    const sql = `SELECT ${selectList(table)} FROM ${table.name} WHERE instance_id = ? ${where}`;
    const rows = await database.read(() => database.prepare(sql).all(instanceId, ...params));
    return rows.map((row) => fromRow<T>(table, row, decodeEmbedded));
  };
  const write = (written: string): void => {
    assertActive();
    assertSameInstance(instanceId, written);
  };
  /** Stored operations in first-write order, overlaid with the write set. */
  const mergedOperations = async (where: string, params: unknown[]): Promise<OperationRecord[]> => {
    const merged = new Map<string, OperationRecord>();
    for (const op of await select<OperationRecord>(OPERATIONS, `${where} ORDER BY seq`, params)) {
      merged.set(operationKeyOf(op.bindingId, op.operationId), op);
    }
    for (const [key, op] of writes.operations) merged.set(key, copyJson(op));
    return [...merged.values()];
  };

  return {
    async getInstance() {
      if (writes.instance !== undefined) return copyOf(writes.instance);
      return (await select<ServiceInstanceRecord>(INSTANCES, '', []))[0];
    },
    async putInstance(record) {
      write(record.instanceId);
      writes.instance = copyJson(record);
    },
    async getBinding(bindingId) {
      const written = writes.bindings.get(bindingId);
      if (written !== undefined) return copyOf(written);
      return (await select<ServiceBindingRecord>(BINDINGS, 'AND binding_id = ?', [bindingId]))[0];
    },
    async putBinding(record) {
      write(record.instanceId);
      writes.bindings.set(record.bindingId, copyJson(record));
    },
    async listBindings() {
      const merged = new Map<string, ServiceBindingRecord>();
      for (const binding of await select<ServiceBindingRecord>(BINDINGS, 'ORDER BY seq', [])) {
        merged.set(binding.bindingId, binding);
      }
      for (const [id, binding] of writes.bindings) merged.set(id, copyJson(binding));
      return [...merged.values()];
    },
    async getOperation(bindingId, operationId) {
      const written = writes.operations.get(operationKeyOf(bindingId, operationId));
      if (written !== undefined) return copyOf(written);
      const where = 'AND binding_id = ? AND operation_key = ?';
      const params = [toBindingKey(bindingId), toOperationKey(operationId)];
      return (await select<OperationRecord>(OPERATIONS, where, params))[0];
    },
    async getLatestOperation(bindingId) {
      const all = await mergedOperations('AND binding_id = ?', [toBindingKey(bindingId)]);
      return all.filter((op) => op.bindingId === bindingId).at(-1);
    },
    async listActiveOperations() {
      return (await mergedOperations('', [])).filter((op) => op.state === 'in progress');
    },
    async putOperation(record) {
      write(record.instanceId);
      const key = operationKeyOf(record.bindingId, record.operationId);
      writes.operations.set(key, copyJson(record));
    },
  };
}

function operationKeyOf(bindingId: string | null, operationId: string): string {
  return `${toBindingKey(bindingId)}\u0000${operationId}`;
}

function copyOf<T>(value: T): T {
  return copyJson(value);
}
