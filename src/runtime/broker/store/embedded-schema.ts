/**
 * The embedded store's schema and its migrations, the SQLite twin of `postgres-schema.ts`: the
 * same tables and columns (see `record-columns.ts`), with JSON kept as text, booleans as 0/1
 * and timestamps as epoch milliseconds. STRICT tables refuse a value of the wrong type instead
 * of storing it as something else.
 */
import type { EmbeddedDatabase } from './embedded-database.js';
import { StoreError } from './store-error.js';

/** Migration n (1-based) brings the file from schema version n - 1 to n. */
export const EMBEDDED_MIGRATIONS: readonly string[] = [
  `
  -- A row exists while some process holds the instance: SQLite has no row locks.
  CREATE TABLE brokergen_instance_locks (
    instance_id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE brokergen_instances (
    instance_id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL,
    plan_id TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    parameters TEXT,
    context TEXT,
    organization_guid TEXT,
    space_guid TEXT,
    maintenance_info TEXT,
    dashboard_url TEXT,
    metadata TEXT,
    state TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    last_active INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE brokergen_bindings (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    instance_id TEXT NOT NULL,
    binding_id TEXT NOT NULL,
    service_id TEXT NOT NULL,
    plan_id TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    parameters TEXT,
    context TEXT,
    response TEXT,
    state TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (instance_id, binding_id)
  ) STRICT;
  CREATE TABLE brokergen_operations (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    instance_id TEXT NOT NULL,
    binding_id TEXT NOT NULL,
    operation_key TEXT NOT NULL,
    operation_id TEXT NOT NULL,
    type TEXT NOT NULL,
    state TEXT NOT NULL,
    description TEXT,
    instance_usable INTEGER,
    update_repeatable INTEGER,
    fingerprint TEXT NOT NULL,
    payload TEXT NOT NULL,
    owner TEXT,
    lease_expires_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (instance_id, binding_id, operation_key)
  ) STRICT;
  CREATE INDEX brokergen_operations_in_progress
    ON brokergen_operations (lease_expires_at) WHERE state = 'in progress';
  `,
];

/**
 * Brings the schema to the newest version in one write transaction, so processes opening the
 * store together migrate once; throws StoreError OSB_STORE_SCHEMA_TOO_NEW when a newer
 * brokergen already migrated the file.
 */
export async function migrateEmbedded(database: EmbeddedDatabase): Promise<void> {
  await database.write(() => {
    database.exec(`CREATE TABLE IF NOT EXISTS brokergen_schema_version (
      version INTEGER PRIMARY KEY,
      applied_at INTEGER NOT NULL
    ) STRICT`);
    const row = database
      .prepare('SELECT max(version) AS version FROM brokergen_schema_version')
      .get();
    const current = Number(row?.version ?? 0);
    if (current > EMBEDDED_MIGRATIONS.length) {
      throw new StoreError(
        'OSB_STORE_SCHEMA_TOO_NEW',
        `the store file has schema version ${current}; this broker knows versions up to ` +
          `${EMBEDDED_MIGRATIONS.length}: upgrade the broker`,
      );
    }
    for (let version = current + 1; version <= EMBEDDED_MIGRATIONS.length; version++) {
      database.exec(EMBEDDED_MIGRATIONS[version - 1] ?? '');
      database
        .prepare('INSERT INTO brokergen_schema_version (version, applied_at) VALUES (?, ?)')
        .run(version, Date.now());
    }
  });
}
