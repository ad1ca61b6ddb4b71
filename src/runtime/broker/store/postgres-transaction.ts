/**
 * The InstanceTransaction of the PostgreSQL store: every call is a statement on the connection
 * that holds the instance's lock row, inside its transaction, so reads see the transaction's own
 * writes and nothing is visible to others before COMMIT.
 */
import type { PoolClient } from 'pg';
import type {
  InstanceTransaction,
  OperationRecord,
  ServiceBindingRecord,
  ServiceInstanceRecord,
} from '../store.js';
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

/** A record's value as a statement parameter; JSON goes as text so that arrays stay JSON. */
export function encodePostgres(kind: ColumnKind, value: unknown, field: string): unknown {
  if (value === null || value === undefined) return kind === 'binding' ? '' : null;
  switch (kind) {
    case 'json':
      return JSON.stringify(value);
    case 'timestamp':
      return new Date(toEpochMs(String(value), field)).toISOString();
    default:
      return value;
  }
}

/** A column as node-postgres returns it (jsonb parsed, timestamptz a Date, bigint a string). */
export function decodePostgres(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'timestamp':
      return (value as Date).toISOString();
    case 'integer':
      return Number(value);
    case 'binding':
      return value === '' ? null : value;
    default:
      return value;
  }
}

const placeholder = (index: number): string => `$${index}`;
const UPSERT = new Map<Table, string>(
  [INSTANCES, BINDINGS, OPERATIONS].map((table) => [table, upsertStatement(table, placeholder)]),
);
const OPERATION_COLUMNS = selectList(OPERATIONS);

/**
 * The transaction's reads and writes for `instanceId` on `client`; `isActive` turns false once
 * withInstance settles, after which every call throws StoreError OSB_STORE_TRANSACTION_ENDED
 * (the connection may already serve someone else). Writes of another instance's record throw
 * OSB_STORE_WRONG_INSTANCE.
 */
export function createPostgresTransaction(
  client: PoolClient,
  instanceId: string,
  isActive: () => boolean,
): InstanceTransaction {
  const query = async (sql: string, params: unknown[]): Promise<Record<string, unknown>[]> => {
    assertTransactionActive(isActive, instanceId);
    return (await client.query<Record<string, unknown>>(sql, params)).rows;
  };
  const put = async (table: Table, record: { instanceId: string }): Promise<void> => {
    assertSameInstance(instanceId, record.instanceId);
    const row = toRow(table, record as OperationRecord, encodePostgres);
    await query(UPSERT.get(table) ?? '', row);
  };
  const operations = async (where: string, params: unknown[]): Promise<OperationRecord[]> => {
    const rows = await query(
      `SELECT ${OPERATION_COLUMNS} FROM ${OPERATIONS.name} WHERE instance_id = $1 ${where}`,
      [instanceId, ...params],
    );
    return rows.map((row) => fromRow<OperationRecord>(OPERATIONS, row, decodePostgres));
  };

  return {
    async getInstance() {
      const rows = await query(
        `SELECT ${selectList(INSTANCES)} FROM ${INSTANCES.name} WHERE instance_id = $1`,
        [instanceId],
      );
      return rows[0] && fromRow<ServiceInstanceRecord>(INSTANCES, rows[0], decodePostgres);
    },
    putInstance: (record) => put(INSTANCES, record),
    async getBinding(bindingId) {
      const rows = await query(
        `SELECT ${selectList(BINDINGS)} FROM ${BINDINGS.name}
         WHERE instance_id = $1 AND binding_id = $2`,
        [instanceId, bindingId],
      );
      return rows[0] && fromRow<ServiceBindingRecord>(BINDINGS, rows[0], decodePostgres);
    },
    putBinding: (record) => put(BINDINGS, record),
    async listBindings() {
      const rows = await query(
        `SELECT ${selectList(BINDINGS)} FROM ${BINDINGS.name} WHERE instance_id = $1 ORDER BY seq`,
        [instanceId],
      );
      return rows.map((row) => fromRow<ServiceBindingRecord>(BINDINGS, row, decodePostgres));
    },
    async getOperation(bindingId, operationId) {
      const found = await operations('AND binding_id = $2 AND operation_key = $3', [
        toBindingKey(bindingId),
        toOperationKey(operationId),
      ]);
      return found[0];
    },
    async getLatestOperation(bindingId) {
      const found = await operations('AND binding_id = $2 ORDER BY seq DESC LIMIT 1', [
        toBindingKey(bindingId),
      ]);
      return found[0];
    },
    listActiveOperations: () => operations("AND state = 'in progress' ORDER BY seq", []),
    putOperation: (record) => put(OPERATIONS, record),
  };
}
