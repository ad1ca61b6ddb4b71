/**
 * The embedded durable Store: one SQLite file in a directory of the broker's, no server. It is
 * the default store: it survives restarts, a killed process (nothing half-written, every
 * acknowledged commit kept) and power loss (each commit is fsynced), and several processes of
 * one host may share the directory. Why SQLite and not PGlite: see README.md beside this file.
 *
 * `withInstance` (through `transaction-shell.ts`, which first takes the in-process mutex) takes
 * the instance's lock row (`embedded-lock.ts`), runs `work` against a write set
 * (`embedded-transaction.ts`) and commits it in one SQLite transaction that also deletes the
 * lock row. Calls for different instances never wait for each other's `work`, only for the
 * commits, which take a fraction of a millisecond.
 */
import type { InstanceTransaction, OperationRecord, Store } from '../store.js';
import { configureEmbeddedDatabase, openEmbeddedDatabase } from './embedded-database.js';
import type { EmbeddedDatabase } from './embedded-database.js';
import { createEmbeddedLocks } from './embedded-lock.js';
import type { EmbeddedLocks } from './embedded-lock.js';
import { migrateEmbedded } from './embedded-schema.js';
import {
  applyWrites,
  createEmbeddedTransaction,
  createWriteSet,
  decodeEmbedded,
} from './embedded-transaction.js';
import type { WriteSet } from './embedded-transaction.js';
import { OPERATIONS, fromRow, selectList } from './record-columns.js';
import { TransactionShell } from './transaction-shell.js';

export interface EmbeddedStoreOptions {
  /** The directory that holds the store's file (`brokergen.sqlite`); created when missing. */
  directory: string;
}

/**
 * Opens the store in `directory`, creating or migrating it; throws StoreError
 * OSB_STORE_INVALID_OPTIONS when the directory is empty or cannot be created, and
 * OSB_STORE_SCHEMA_TOO_NEW when a newer brokergen migrated the file.
 */
export async function createEmbeddedStore(options: EmbeddedStoreOptions): Promise<Store> {
  const database = openEmbeddedDatabase(options.directory);
  try {
    await configureEmbeddedDatabase(database);
    await migrateEmbedded(database);
  } catch (error) {
    database.close();
    throw error;
  }
  return new EmbeddedStore(database, createEmbeddedLocks(database));
}

class EmbeddedStore implements Store {
  readonly #database: EmbeddedDatabase;
  readonly #locks: EmbeddedLocks;
  readonly #shell = new TransactionShell('embedded');

  constructor(database: EmbeddedDatabase, locks: EmbeddedLocks) {
    this.#database = database;
    this.#locks = locks;
  }

  withInstance<T>(instanceId: string, work: (tx: InstanceTransaction) => Promise<T>): Promise<T> {
    const database = this.#database;
    const locks = this.#locks;
    return this.#shell.run(
      instanceId,
      {
        async begin(): Promise<WriteSet> {
          await locks.acquire(instanceId);
          return createWriteSet();
        },
        open: (writes, isActive) =>
          createEmbeddedTransaction(database, instanceId, writes, isActive),
        commit: (writes) =>
          database.write(() => {
            locks.releaseInTransaction(instanceId);
            applyWrites(database, writes);
          }),
        abort: () => locks.release(instanceId).catch(() => undefined),
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
    const rows = await this.#database.write(() => {
      this.#locks.removeStale();
      // Instances with a lock row are being worked on, here or in another process: their
      // operations wait for the next claim, as PostgreSQL's SKIP LOCKED leaves them.
      return this.#database
        .prepare(
          `UPDATE ${OPERATIONS.name}
           SET owner = ?, lease_expires_at = ?, updated_at = ?
           WHERE state = 'in progress'
             AND (lease_expires_at IS NULL OR lease_expires_at <= ?)
             AND instance_id NOT IN (SELECT instance_id FROM brokergen_instance_locks)
           RETURNING ${selectList(OPERATIONS)}, seq`,
        )
        .all(owner, leaseExpiresAt.getTime(), now.getTime(), now.getTime());
    });
    return rows
      .sort((a, b) => Number(a.seq) - Number(b.seq))
      .map((row) => fromRow<OperationRecord>(OPERATIONS, row, decodeEmbedded));
  }

  async close(): Promise<void> {
    if (!(await this.#shell.close())) return;
    this.#locks.close();
    this.#database.close();
  }
}
