import { itWhen } from './only-if.js';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../../src/runtime/broker/store.js';
import { withinDeadline } from './deadline.js';
import { instanceRecord, operationRecord } from './records.js';

/** A promise with its resolve function, to make two works wait for each other. */
function signal(): { promise: Promise<void>; fire: () => void } {
  let fire: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { promise, fire };
}

/** Lets other callbacks run, as a store round trip would. */
const yieldTurns = async (turns: number): Promise<void> => {
  for (let turn = 0; turn < turns; turn++) await new Promise((resolve) => setImmediate(resolve));
};

/** Contract tests of who waits for whom: `withInstance` serialisation, and claims. */
export function defineLockingTests(
  current: () => Store,
  options: { claimSkipsHeldInstances: boolean },
): void {
  let store: Store;

  beforeEach(() => {
    store = current();
  });

  it('runs overlapping calls for one instance one after the other', async () => {
    let inside = 0;
    let mostInside = 0;
    const increment = () =>
      store.withInstance('i-1', async (tx) => {
        inside++;
        mostInside = Math.max(mostInside, inside);
        const counter = Number((await tx.getInstance())?.metadata?.counter ?? 0);
        await yieldTurns(3);
        await tx.putInstance(instanceRecord('i-1', { metadata: { counter: counter + 1 } }));
        inside--;
      });
    await Promise.all(Array.from({ length: 20 }, increment));
    const instance = await store.withInstance('i-1', (tx) => tx.getInstance());
    expect([mostInside, instance?.metadata?.counter]).toEqual([1, 20]);
  });

  it('runs calls for different instances side by side', async () => {
    const firstIn = signal();
    const secondIn = signal();
    const both = Promise.all([
      store.withInstance('i-1', async (tx) => {
        firstIn.fire();
        await secondIn.promise;
        await tx.putInstance(instanceRecord('i-1'));
      }),
      store.withInstance('i-2', async (tx) => {
        secondIn.fire();
        await firstIn.promise;
        await tx.putInstance(instanceRecord('i-2'));
      }),
    ]);
    await expect(withinDeadline(both, 10_000, 'two instances')).resolves.toBeDefined();
  });

  describe('claimExpiredOperations', () => {
    const now = new Date('2024-05-01T12:00:00.000Z');
    const until = new Date('2024-05-01T12:05:00.000Z');

    beforeEach(async () => {
      await store.withInstance('i-1', async (tx) => {
        const at = (iso: string | null) => ({ leaseExpiresAt: iso });
        await tx.putOperation(
          operationRecord('i-1', null, 'expired', at('2024-05-01T11:59:59.999Z')),
        );
        await tx.putOperation(operationRecord('i-1', 'b-1', 'no-lease', at(null)));
        await tx.putOperation(operationRecord('i-1', null, 'at-now', at(now.toISOString())));
        await tx.putOperation(
          operationRecord('i-1', null, 'leased', at('2024-05-01T12:00:00.001Z')),
        );
        await tx.putOperation(
          operationRecord('i-1', null, 'finished', { ...at(null), state: 'succeeded' }),
        );
      });
      await store.withInstance('i-2', (tx) =>
        tx.putOperation(
          operationRecord('i-2', null, 'failed', { leaseExpiresAt: null, state: 'failed' }),
        ),
      );
    });

    it('takes the in-progress operations whose lease ended by now or was never set', async () => {
      const claimed = await store.claimExpiredOperations('broker-b', now, until);
      expect(claimed.map((op) => op.operationId).sort()).toEqual(['at-now', 'expired', 'no-lease']);
      expect(claimed.every((op) => op.owner === 'broker-b')).toBe(true);
      expect(claimed.every((op) => op.leaseExpiresAt === until.toISOString())).toBe(true);
    });

    it('keeps the claim: the operation reads back with its new owner and lease', async () => {
      await store.claimExpiredOperations('broker-b', now, until);
      const operation = await store.withInstance('i-1', (tx) => tx.getOperation(null, 'expired'));
      expect([operation?.owner, operation?.leaseExpiresAt, operation?.state]).toEqual([
        'broker-b',
        until.toISOString(),
        'in progress',
      ]);
    });

    it('takes each expired operation once, even when two claims race', async () => {
      const [first, second] = await Promise.all([
        store.claimExpiredOperations('broker-b', now, until),
        store.claimExpiredOperations('broker-c', now, until),
      ]);
      const again = await store.claimExpiredOperations('broker-d', now, until);
      const ids = [...first, ...second, ...again].map((op) => op.operationId).sort();
      expect(ids).toEqual(['at-now', 'expired', 'no-lease']);
    });

    itWhen(options.claimSkipsHeldInstances)(
      'leaves the operations of an instance someone holds to a later claim',
      async () => {
        const claimed = await store.withInstance('i-1', () =>
          store.claimExpiredOperations('broker-b', now, until),
        );
        const later = await store.claimExpiredOperations('broker-c', now, until);
        expect([claimed, later.map((op) => op.owner)]).toEqual([
          [],
          ['broker-c', 'broker-c', 'broker-c'],
        ]);
      },
    );
  });
}
