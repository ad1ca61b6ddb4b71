/**
 * The PostgreSQL store's schema and its migrations. Each entry of `POSTGRES_MIGRATIONS` moves the
 * schema one version up and never changes once released; `brokergen_schema_version` records
 * each version applied. Replicas starting together migrate one at a time.
 */
import type { PoolClient } from 'pg';
import { StoreError } from './store-error.js';

/** Migration n (1-based) brings the database from schema version n - 1 to n. */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `
  -- One row per instance ID ever locked: withInstance locks it FOR UPDATE. A row of its own,
  -- because the instance row does not exist yet when a provision decides to create it.
  CREATE TABLE brokergen_instance_locks (
    instance_id text PRIMARY KEY
  );
  CREATE TABLE brokergen_instances (
    instance_id text PRIMARY KEY,
    service_id text NOT NULL,
    plan_id text NOT NULL,
    fingerprint text NOT NULL,
    parameters jsonb,
    context jsonb,
    organization_guid text,
    space_guid text,
    maintenance_info jsonb,
    dashboard_url text,
    metadata jsonb,
    state text NOT NULL,
    enabled boolean NOT NULL,
    last_active bigint,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
  );
  CREATE TABLE brokergen_bindings (
    seq bigint GENERATED ALWAYS AS IDENTITY,
    instance_id text NOT NULL,
    binding_id text NOT NULL,
    service_id text NOT NULL,
    plan_id text NOT NULL,
    fingerprint text NOT NULL,
    parameters jsonb,
    context jsonb,
    response jsonb,
    state text NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (instance_id, binding_id)
  );
  CREATE TABLE brokergen_operations (
    seq bigint GENERATED ALWAYS AS IDENTITY,
    instance_id text NOT NULL,
    binding_id text NOT NULL,
    operation_key text NOT NULL,
    operation_id text NOT NULL,
    type text NOT NULL,
    state text NOT NULL,
    description text,
    instance_usable boolean,
    update_repeatable boolean,
    fingerprint text NOT NULL,
    payload jsonb NOT NULL,
    owner text,
    lease_expires_at timestamptz,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (instance_id, binding_id, operation_key)
  );
  CREATE INDEX brokergen_operations_in_progress
    ON brokergen_operations (lease_expires_at) WHERE state = 'in progress';
  `,
];

/**
 * The key of the advisory lock that serialises migrations. Only migrations take it, once per
 * start, so a collision with another application's key costs a wait, never a wrong answer.
 */
const MIGRATION_LOCK_KEY = 7_141_955_227_140_263;

/**
 * Brings the schema to the newest version inside one transaction; throws StoreError
 * OSB_STORE_SCHEMA_TOO_NEW when a newer brokergen already migrated the database.
 */
export async function migratePostgres(client: PoolClient): Promise<void> {
  await client.query('BEGIN');
  try {
    // CREATE TABLE IF NOT EXISTS races with itself in concurrent sessions (a duplicate key in
    // pg_type), so the lock comes first.
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS brokergen_schema_version (
      version integer PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number | null }>(
      'SELECT max(version) AS version FROM brokergen_schema_version',
    );
    const current = rows[0]?.version ?? 0;
    if (current > POSTGRES_MIGRATIONS.length) {
      throw new StoreError(
        'OSB_STORE_SCHEMA_TOO_NEW',
        `the database has store schema version ${current}; this broker knows versions up to ` +
          `${POSTGRES_MIGRATIONS.length}: upgrade the broker`,
      );
    }
    for (let version = current + 1; version <= POSTGRES_MIGRATIONS.length; version++) {
      await client.query(POSTGRES_MIGRATIONS[version - 1] ?? '');
      await client.query('INSERT INTO brokergen_schema_version (version) VALUES ($1)', [version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
