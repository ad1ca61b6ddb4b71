/**
 * How records map to table columns, shared by the embedded (SQLite) and PostgreSQL stores: one
 * column list per record, and the statements built from it. Each store converts values by the
 * column's `kind` in its own dialect (jsonb or JSON text, timestamptz or epoch milliseconds).
 *
 * The migrations themselves stay literal SQL in each store's schema file: a migration must never
 * change once shipped, so it cannot be generated from a list that later versions will extend.
 */
import { createHash } from 'node:crypto';
import type { OperationRecord, ServiceBindingRecord, ServiceInstanceRecord } from '../store.js';
import { StoreError } from './store-error.js';

/**
 * What a column holds. `binding` is a binding ID where null means "the instance itself", kept
 * as '' because key columns cannot be null; OSB binding IDs are path segments, never empty.
 */
export type ColumnKind = 'text' | 'json' | 'boolean' | 'timestamp' | 'integer' | 'binding';

/** One column: its name, the record field it holds, and how that value is converted. */
export interface Column {
  name: string;
  field: string;
  kind: ColumnKind;
}

/** A record's table: its columns, in the order statements list them, and its key. */
export interface Table {
  name: string;
  columns: readonly Column[];
  key: readonly string[];
}

const column = (name: string, kind: ColumnKind): Column => ({
  name,
  field: name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()),
  kind,
});

/** `ServiceInstanceRecord`s, one row per instance. */
export const INSTANCES: Table = {
  name: 'brokergen_instances',
  key: ['instance_id'],
  columns: [
    column('instance_id', 'text'),
    column('service_id', 'text'),
    column('plan_id', 'text'),
    column('fingerprint', 'text'),
    column('parameters', 'json'),
    column('context', 'json'),
    column('organization_guid', 'text'),
    column('space_guid', 'text'),
    column('maintenance_info', 'json'),
    column('dashboard_url', 'text'),
    column('metadata', 'json'),
    column('state', 'text'),
    column('enabled', 'boolean'),
    column('last_active', 'integer'),
    column('created_at', 'timestamp'),
    column('updated_at', 'timestamp'),
  ],
};

/** `ServiceBindingRecord`s, keyed by instance and binding. */
export const BINDINGS: Table = {
  name: 'brokergen_bindings',
  key: ['instance_id', 'binding_id'],
  columns: [
    column('instance_id', 'text'),
    column('binding_id', 'text'),
    column('service_id', 'text'),
    column('plan_id', 'text'),
    column('fingerprint', 'text'),
    column('parameters', 'json'),
    column('context', 'json'),
    column('response', 'json'),
    column('state', 'text'),
    column('created_at', 'timestamp'),
    column('updated_at', 'timestamp'),
  ],
};

/**
 * Operations are keyed by a hash of their ID: OSB allows an `operation` of 10,000 characters
 * ("Polling Last Operation"), more than a PostgreSQL btree entry holds (about 2,700 bytes).
 */
export const OPERATIONS: Table = {
  name: 'brokergen_operations',
  key: ['instance_id', 'binding_id', 'operation_key'],
  columns: [
    column('instance_id', 'text'),
    column('binding_id', 'binding'),
    { name: 'operation_key', field: 'operationId', kind: 'text' },
    column('operation_id', 'text'),
    column('type', 'text'),
    column('state', 'text'),
    column('description', 'text'),
    column('instance_usable', 'boolean'),
    column('update_repeatable', 'boolean'),
    column('fingerprint', 'text'),
    column('payload', 'json'),
    column('owner', 'text'),
    column('lease_expires_at', 'timestamp'),
    column('created_at', 'timestamp'),
    column('updated_at', 'timestamp'),
  ],
};

/** The key column of an operation ID. */
export function toOperationKey(operationId: string): string {
  return createHash('sha256').update(operationId, 'utf8').digest('hex');
}

/** The key column of a binding ID, null standing for the instance's own operations. */
export function toBindingKey(bindingId: string | null): string {
  return bindingId ?? '';
}

/** Epoch milliseconds of a record's timestamp; throws StoreError OSB_STORE_INVALID_RECORD. */
export function toEpochMs(value: string, field: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new StoreError('OSB_STORE_INVALID_RECORD', `${field} '${value}' is not a timestamp`);
  }
  return ms;
}

/** Converts one value of a record to what a dialect stores. */
export type EncodeValue = (kind: ColumnKind, value: unknown, field: string) => unknown;
/** Converts one stored value back to what the record holds. */
export type DecodeValue = (kind: ColumnKind, value: unknown) => unknown;

type AnyRecord = ServiceInstanceRecord | ServiceBindingRecord | OperationRecord;

/** The statement parameters of a record, in `table.columns` order. */
export function toRow(table: Table, record: AnyRecord, encode: EncodeValue): unknown[] {
  const fields = record as unknown as Record<string, unknown>;
  return table.columns.map((col) =>
    col.name === 'operation_key'
      ? toOperationKey(String(fields[col.field]))
      : encode(col.kind, fields[col.field], col.field),
  );
}

/** The record a row read with `selectList(table)` holds. */
export function fromRow<T>(table: Table, row: Record<string, unknown>, decode: DecodeValue): T {
  const record: Record<string, unknown> = {};
  for (const col of table.columns) {
    if (col.name !== 'operation_key') record[col.field] = decode(col.kind, row[col.name]);
  }
  return record as T;
}

/** The column list of a SELECT that `fromRow` reads. */
export function selectList(table: Table, alias = ''): string {
  const prefix = alias === '' ? '' : `${alias}.`;
  return table.columns.map((col) => prefix + col.name).join(', ');
}

/**
 * Insert-or-replace of one record, in the syntax PostgreSQL and SQLite share; `placeholder`
 * spells the n-th parameter ($1 or ?). The row keeps its `seq`, so lists keep first-write order.
 */
export function upsertStatement(table: Table, placeholder: (index: number) => string): string {
  const names = table.columns.map((col) => col.name);
  const updates = names
    .filter((name) => !table.key.includes(name))
    .map((name) => `${name} = excluded.${name}`);
  return [
    `INSERT INTO ${table.name} (${names.join(', ')})`,
    `VALUES (${names.map((_, index) => placeholder(index + 1)).join(', ')})`,
    `ON CONFLICT (${table.key.join(', ')}) DO UPDATE SET ${updates.join(', ')}`,
  ].join(' ');
}

/** Throws StoreError OSB_STORE_WRONG_INSTANCE unless a record belongs to the locked instance. */
export function assertSameInstance(locked: string, written: string): void {
  if (locked !== written) {
    throw new StoreError(
      'OSB_STORE_WRONG_INSTANCE',
      `a transaction of instance '${locked}' wrote a record of instance '${written}'`,
    );
  }
}
