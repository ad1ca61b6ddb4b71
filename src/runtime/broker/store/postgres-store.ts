/**
 * The Store kept in PostgreSQL, for brokers running as several replicas.
 *
 * `withInstance` runs `work` in one transaction that first locks the instance's row in
 * `brokergen_instance_locks` (created on first use with INSERT ... ON CONFLICT DO NOTHING, then
 * SELECT ... FOR UPDATE). A lock row, rather than `pg_advisory_xact_lock(hashtext(id))`, because
 * hashtext is 32 bits (unrelated instances would share a lock once there are tens of thousands),
 * advisory keys are one space shared with every other application in the database, and a row
 * lock is visible to `claimExpiredOperations`, whose FOR UPDATE ... SKIP LOCKED then leaves alone
 * the operations of an instance someone is working on.
 */
import pg from 'pg';
import type { Pool, PoolClient } from 'pg';
import type { InstanceTransaction, OperationRecord, Store } from '../store.js';
import { migratePostgres } from './postgres-schema.js';
import { createPostgresTransaction, decodePostgres } from './postgres-transaction.js';
import { OPERATIONS, fromRow, selectList } from './record-columns.js';
import { StoreError } from './store-error.js';
import { TransactionShell } from './transaction-shell.js';

/** Where the PostgreSQL store keeps its tables: a server to connect to, or a pool to borrow. */
export type PostgresStoreOptions =
  | {
      /** A libpq connection URI, e.g. `postgresql://broker@db.internal:5432/broker`. */
      connectionString: string;
      /** Connections in the store's pool; default 10. */
      maxConnections?: number;
    }
  | {
      /** A pool the caller owns: `close()` leaves it open. */
      pool: Pool;
    };

/**
 * Opens the store, creating or migrating its tables; throws StoreError OSB_STORE_SCHEMA_TOO_NEW
 * when a newer brokergen migrated the database, OSB_STORE_INVALID_OPTIONS on empty options.
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const ownsPool = 'connectionString' in options;
  if (ownsPool && !options.connectionString) {
    throw new StoreError(
      'OSB_STORE_INVALID_OPTIONS',
      'createPostgresStore: connectionString is empty',
    );
  }
  const pool = ownsPool
    ? new pg.Pool({
        connectionString: options.connectionString,
        max: options.maxConnections ?? 10,
      })
    : options.pool;
  try {
    await withClient(pool, migratePostgres);
  } catch (error) {
    if (ownsPool) await pool.end();
    throw error;
  }
  return new PostgresStore(pool, ownsPool);
}

class PostgresStore implements Store {
  readonly #pool: Pool;
  readonly #ownsPool: boolean;
  readonly #shell = new TransactionShell('PostgreSQL');

  constructor(pool: Pool, ownsPool: boolean) {
    this.#pool = pool;
    this.#ownsPool = ownsPool;
  }

  withInstance<T>(instanceId: string, work: (tx: InstanceTransaction) => Promise<T>): Promise<T> {
    const pool = this.#pool;
    return this.#shell.run(
      instanceId,
      {
        begin: () => beginLocked(pool, instanceId),
        open: (client, isActive) => createPostgresTransaction(client, instanceId, isActive),
        async commit(client) {
          // A statement that failed inside `work` aborts the transaction even when `work`
          // caught the error; COMMIT then answers ROLLBACK instead of failing.
          const commit = await client.query('COMMIT');
          if (commit.command !== 'COMMIT') {
            throw new StoreError(
              'OSB_STORE_COMMIT_FAILED',
              `the transaction of instance '${instanceId}' was rolled back: a statement in it failed`,
            );
          }
          client.release();
        },
        abort: rollbackAndRelease,
      },
      work,
    );
  }

  async claimExpiredOperations(
    owner: string,
    now: Date,
    leaseExpiresAt: Date,
  ): Promise<OperationRecord[]> {
    this.#shell.assertOpen();
    // One statement: concurrent claimers skip each other's rows (SKIP LOCKED) and re-check the
    // lease of a row committed meanwhile, so each operation is claimed once.
    const { rows } = await this.#pool.query<Record<string, unknown>>(
      `WITH expired AS (
         SELECT o.instance_id, o.binding_id, o.operation_key
         FROM ${OPERATIONS.name} o
         JOIN brokergen_instance_locks l ON l.instance_id = o.instance_id
         WHERE o.state = 'in progress'
           AND (o.lease_expires_at IS NULL OR o.lease_expires_at <= $2)
         FOR UPDATE OF o, l SKIP LOCKED
       )
       UPDATE ${OPERATIONS.name} o
       SET owner = $1, lease_expires_at = $3, updated_at = $2
       FROM expired e
       WHERE o.instance_id = e.instance_id AND o.binding_id = e.binding_id
         AND o.operation_key = e.operation_key
       RETURNING ${selectList(OPERATIONS, 'o')}, o.seq`,
      [owner, now.toISOString(), leaseExpiresAt.toISOString()],
    );
    return rows
      .sort((a, b) => Number(a.seq) - Number(b.seq))
      .map((row) => fromRow<OperationRecord>(OPERATIONS, row, decodePostgres));
  }

  async close(): Promise<void> {
    if (!(await this.#shell.close())) return;
    if (this.#ownsPool) await this.#pool.end();
  }
}

async function withClient<T>(pool: Pool, use: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    const result = await use(client);
    client.release();
    return result;
  } catch (error) {
    client.release(error instanceof Error ? error : true);
    throw error;
  }
}

/**
 * A connection in a transaction that holds the instance's lock row (created on first use, then
 * locked FOR UPDATE); a connection that fails on the way is rolled back and released.
 */
async function beginLocked(pool: Pool, instanceId: string): Promise<PoolClient> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      'INSERT INTO brokergen_instance_locks (instance_id) VALUES ($1) ON CONFLICT DO NOTHING',
      [instanceId],
    );
    await client.query(
      'SELECT instance_id FROM brokergen_instance_locks WHERE instance_id = $1 FOR UPDATE',
      [instanceId],
    );
    return client;
  } catch (error) {
    await rollbackAndRelease(client);
    throw error;
  }
}

/** Rolls back; a connection that cannot even do that is destroyed rather than pooled. */
async function rollbackAndRelease(client: PoolClient): Promise<void> {
  try {
    await client.query('ROLLBACK');
    client.release();
  } catch (error) {
    client.release(error instanceof Error ? error : true);
  }
}
