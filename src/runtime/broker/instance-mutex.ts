/**
 * Per-instance mutual exclusion inside one process. It is the memory store's whole lock; the
 * durable stores take it before their cross-process lock, so that calls for one instance queue
 * in memory rather than each holding a database connection (PostgreSQL) or polling the lock
 * table (embedded) while they wait.
 */

/** Queues holders per key: `acquire` resolves, in call order, once every earlier holder released. */
export interface InstanceMutex {
  /** Resolves with the function that releases; call it exactly once. */
  acquire(instanceId: string): Promise<() => void>;
}

/** A mutex keyed by instance ID whose queues are dropped once they drain. */
export function createInstanceMutex(): InstanceMutex {
  const tails = new Map<string, Promise<void>>();
  return {
    async acquire(instanceId) {
      const previous = tails.get(instanceId) ?? Promise.resolve();
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const tail = previous.then(() => held);
      tails.set(instanceId, tail);
      await previous;
      return () => {
        release();
        if (tails.get(instanceId) === tail) tails.delete(instanceId);
      };
    },
  };
}
