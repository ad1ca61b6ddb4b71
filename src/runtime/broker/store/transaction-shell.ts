/**
 * The shape of `withInstance` that both durable stores share, so that each keeps only what its
 * database does differently (how it locks an instance, keeps writes and commits them).
 *
 * A call is refused once the store closed, and `close` waits for it (`store-lifecycle.ts`).
 * Calls for one instance queue in this process on a mutex (`../instance-mutex.ts`) before the
 * store locks the instance for every process. The transaction `work` gets refuses every use once
 * the call settled: a transaction kept past its call would write outside the lock (embedded) or
 * on a connection that may already serve another call (PostgreSQL).
 */
import type { InstanceTransaction } from '../store.js';
import { createInstanceMutex } from '../instance-mutex.js';
import { StoreLifecycle } from './store-lifecycle.js';
import { StoreError } from './store-error.js';

/** What a store does in one `withInstance` call, around the caller's `work`. */
export interface TransactionSteps<Handle> {
  /**
   * Locks the instance for every process and begins a transaction; cleans up after itself
   * when it fails.
   */
  begin(): Promise<Handle>;
  /** The transaction `work` uses; `isActive` turns false once the call settled. */
  open(handle: Handle, isActive: () => boolean): InstanceTransaction;
  /** Commits what `work` wrote and releases the lock. */
  commit(handle: Handle): Promise<void>;
  /** Discards what `work` wrote and releases the lock, after `work` or `commit` failed; never throws. */
  abort(handle: Handle): Promise<void>;
}

/** Runs the `withInstance` calls of one store. */
export class TransactionShell {
  readonly #lifecycle: StoreLifecycle;
  readonly #mutex = createInstanceMutex();

  /** `name` completes error messages, as in "the embedded store is closed". */
  constructor(name: string) {
    this.#lifecycle = new StoreLifecycle(name);
  }

  /**
   * Runs `work` in a transaction of `instanceId` made by `steps`: committed when `work`
   * resolves, aborted when it or the commit rejects. Rejects with StoreError OSB_STORE_CLOSED
   * once the store closed, and with whatever `steps` and `work` reject with.
   */
  run<Handle, T>(
    instanceId: string,
    steps: TransactionSteps<Handle>,
    work: (tx: InstanceTransaction) => Promise<T>,
  ): Promise<T> {
    return this.#lifecycle.track(async () => {
      const release = await this.#mutex.acquire(instanceId);
      try {
        const handle = await steps.begin();
        let active = true;
        try {
          const result = await work(steps.open(handle, () => active));
          active = false;
          await steps.commit(handle);
          return result;
        } catch (error) {
          active = false;
          await steps.abort(handle);
          throw error;
        }
      } finally {
        release();
      }
    });
  }

  /** Throws StoreError OSB_STORE_CLOSED once the store closed. */
  assertOpen(): void {
    this.#lifecycle.assertOpen();
  }

  /** Refuses new calls and waits for the running ones; false when already closed. */
  close(): Promise<boolean> {
    return this.#lifecycle.close();
  }
}

/**
 * Throws StoreError OSB_STORE_TRANSACTION_ENDED when the transaction of `instanceId` is used
 * after its `withInstance` call settled.
 */
export function assertTransactionActive(isActive: () => boolean, instanceId: string): void {
  if (!isActive()) {
    throw new StoreError(
      'OSB_STORE_TRANSACTION_ENDED',
      `the transaction of instance '${instanceId}' was used after withInstance settled`,
    );
  }
}
