/**
 * Cross-process instance locks for the embedded store. SQLite locks the whole database, never a
 * row, and holding its write lock while `work` awaits would stop every other instance, in every
 * process. So a lock is a row in `brokergen_instance_locks`, taken in a short write transaction
 * and polled for while another process holds it.
 *
 * A process killed while holding a lock never deletes its row. A waiter takes such a row over at
 * once when the holder ran on the same host and its PID is gone (SQLite's WAL mode works only
 * between processes of one host, so that is the usual case), and otherwise once the row's lease
 * expires. Holders renew the lease while they hold it; one whose lease lapsed anyway (an event
 * loop stalled for longer than the lease) finds out at commit and fails with OSB_STORE_LOCK_LOST.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { EmbeddedDatabase } from './embedded-database.js';
import { StoreError } from './store-error.js';

/** How long a lock row stays valid without renewal. */
const LEASE_MS = 15_000;
const LONGEST_POLL_PAUSE_MS = 20;

/** The instance locks one store holds, as rows shared with every process on the file. */
export interface EmbeddedLocks {
  /** Resolves once this store holds the instance's lock row. */
  acquire(instanceId: string): Promise<void>;
  /**
   * Inside a write transaction: deletes the lock row; throws StoreError OSB_STORE_LOCK_LOST when
   * another process has taken it over.
   */
  releaseInTransaction(instanceId: string): void;
  /** Deletes the lock row if this store still holds it. */
  release(instanceId: string): Promise<void>;
  /** Inside a write transaction: deletes rows whose holder is gone, so they lock nothing. */
  removeStale(): void;
  /** Stops renewing leases. */
  close(): void;
}

interface LockRow {
  owner: string;
  host: string;
  pid: number;
  expires_at: number;
}

/** Locks owned by a new random owner ID, renewed in the background until `close()`. */
export function createEmbeddedLocks(database: EmbeddedDatabase): EmbeddedLocks {
  const owner = randomUUID();
  const host = hostname();
  const held = new Set<string>();
  const select = 'SELECT owner, host, pid, expires_at FROM brokergen_instance_locks';
  const isStale = (row: LockRow): boolean =>
    row.owner !== owner &&
    (row.expires_at < Date.now() || (row.host === host && !isProcessAlive(row.pid)));
  const deleteOwn = (instanceId: string): number =>
    database
      .prepare('DELETE FROM brokergen_instance_locks WHERE instance_id = ? AND owner = ?')
      .run(instanceId, owner).changes;

  const renew = setInterval(() => {
    if (held.size === 0) return;
    database
      .write(() =>
        database
          .prepare('UPDATE brokergen_instance_locks SET expires_at = ? WHERE owner = ?')
          .run(Date.now() + LEASE_MS, owner),
      )
      // A failed renewal is retried at the next tick; a lapsed lease shows at commit.
      .catch(() => undefined);
  }, LEASE_MS / 3);
  renew.unref();

  return {
    async acquire(instanceId) {
      let pauseMs = 1;
      for (;;) {
        const taken = await database.write(() => {
          const row = database.prepare(`${select} WHERE instance_id = ?`).get(instanceId);
          if (row !== undefined && row.owner !== owner && !isStale(row as unknown as LockRow)) {
            return false;
          }
          database
            .prepare(
              `INSERT INTO brokergen_instance_locks (instance_id, owner, host, pid, expires_at)
               VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (instance_id) DO UPDATE SET owner = excluded.owner,
                 host = excluded.host, pid = excluded.pid, expires_at = excluded.expires_at`,
            )
            .run(instanceId, owner, host, process.pid, Date.now() + LEASE_MS);
          return true;
        });
        if (taken) {
          held.add(instanceId);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
        pauseMs = Math.min(pauseMs * 2, LONGEST_POLL_PAUSE_MS);
      }
    },
    releaseInTransaction(instanceId) {
      held.delete(instanceId);
      if (deleteOwn(instanceId) === 0) {
        throw new StoreError(
          'OSB_STORE_LOCK_LOST',
          `the lock of instance '${instanceId}' lapsed and another process took it over; ` +
            'the transaction was rolled back',
        );
      }
    },
    async release(instanceId) {
      held.delete(instanceId);
      await database.write(() => deleteOwn(instanceId));
    },
    removeStale() {
      const rows = database
        .prepare('SELECT instance_id, owner, host, pid, expires_at FROM brokergen_instance_locks')
        .all();
      for (const row of rows) {
        if (isStale(row as unknown as LockRow)) {
          database
            .prepare('DELETE FROM brokergen_instance_locks WHERE instance_id = ? AND owner = ?')
            .run(row.instance_id, row.owner);
        }
      }
    },
    close: () => clearInterval(renew),
  };
}

/** Whether a process of this host runs under `pid`; EPERM means it does, as another user. */
function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}
