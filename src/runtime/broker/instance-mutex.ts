/**
 * Per-instance mutual exclusion inside one process. It is the memory store's whole lock; the
 * durable stores take it before their cross-process lock, so that calls for one instance queue
 * in memory rather than each holding a database connection (PostgreSQL) or polling the lock
 * table (embedded) while they wait.
 */

/** Queues holders per key: `acquire` resolves, in call order, once every earlier holder released. */
export interface InstanceMutex {
  /** Resolves with the function that releases; calls after the first do nothing. */
  acquire(instanceId: string): Promise<() => void>;
}

/**
 * A mutex keyed by instance ID. A held instance has a queue of waiting holders, dropped when it
 * drains; taking an instance nobody holds allocates no promise chain, the common case on a
 * broker serving many instances.
 */
export function createInstanceMutex(): InstanceMutex {
  /** The instances held, each with the holders waiting for it, first come first served. */
  const waiting = new Map<string, (() => void)[]>();
  const releaseFor = (instanceId: string): (() => void) => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = waiting.get(instanceId)?.shift();
      if (next === undefined) waiting.delete(instanceId);
      else next();
    };
  };
  return {
    acquire(instanceId) {
      const queue = waiting.get(instanceId);
      if (queue === undefined) {
        waiting.set(instanceId, []);
        return Promise.resolve(releaseFor(instanceId));
      }
      return new Promise((resolve) => {
        queue.push(() => resolve(releaseFor(instanceId)));
      });
    },
  };
}
