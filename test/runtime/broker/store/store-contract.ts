import { itWhen } from './only-if.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../../src/runtime/broker/store.js';
import { defineLockingTests } from './contract-locking.js';
import { defineTransactionTests } from './contract-transactions.js';
import { bindingRecord, instanceRecord, operationRecord } from './records.js';

/** A store implementation under test, opened afresh for each test. */
export interface StoreSubject {
  /** Whether the state outlives the store object (close, then `reopen`). */
  durable: boolean;
  /**
   * Whether misuse is refused: a transaction used after its `withInstance` settled, a record of
   * another instance written in a transaction.
   */
  refusesMisuse: boolean;
  /**
   * Whether `claimExpiredOperations` skips the operations of an instance a `withInstance` call
   * holds (the durable stores), rather than waiting for it (the memory store).
   */
  claimSkipsHeldInstances: boolean;
  /** Opens a store on fresh, empty state. */
  open(): Promise<OpenedStore>;
}

export interface OpenedStore {
  store: Store;
  /** Opens the state of `store` again; only for durable subjects, after `store.close()`. */
  reopen(): Promise<Store>;
  /** Closes everything opened and removes the state. */
  dispose(): Promise<void>;
}

/**
 * The Store contract of `src/runtime/broker/store.ts`, as tests that every implementation
 * (memory, embedded, PostgreSQL) must pass.
 */
export function defineStoreContract(name: string, subject: StoreSubject): void {
  describe(`the ${name} store`, () => {
    let opened: OpenedStore;
    let store: Store;

    beforeEach(async () => {
      opened = await subject.open();
      store = opened.store;
    });

    afterEach(async () => {
      await opened.dispose();
    });

    defineTransactionTests(() => store);
    defineLockingTests(() => store, subject);

    itWhen(subject.durable)('keeps committed data across close and reopen', async () => {
      await store.withInstance('i-1', async (tx) => {
        await tx.putInstance(instanceRecord('i-1'));
        await tx.putBinding(bindingRecord('i-1', 'b-1'));
        await tx.putOperation(operationRecord('i-1', 'b-1', 'op-1'));
      });
      await store.close();
      const reopened = await opened.reopen();
      const seen = await reopened.withInstance('i-1', async (tx) => ({
        instance: await tx.getInstance(),
        bindings: await tx.listBindings(),
        latest: await tx.getLatestOperation('b-1'),
      }));
      expect(seen).toEqual({
        instance: instanceRecord('i-1'),
        bindings: [bindingRecord('i-1', 'b-1')],
        latest: operationRecord('i-1', 'b-1', 'op-1'),
      });
    });

    it('refuses work once closed', async () => {
      await store.close();
      await expect(store.withInstance('i-1', (tx) => tx.getInstance())).rejects.toThrow();
    });

    itWhen(subject.refusesMisuse)('refuses a transaction used after its call settled', async () => {
      const leaked = await store.withInstance('i-1', async (tx) => tx);
      await expect(leaked.getInstance()).rejects.toMatchObject({
        code: 'OSB_STORE_TRANSACTION_ENDED',
      });
      await expect(leaked.putInstance(instanceRecord('i-1'))).rejects.toMatchObject({
        code: 'OSB_STORE_TRANSACTION_ENDED',
      });
    });

    itWhen(subject.refusesMisuse)('refuses a record of another instance', async () => {
      const attempt = store.withInstance('i-1', (tx) => tx.putInstance(instanceRecord('i-2')));
      await expect(attempt).rejects.toMatchObject({ code: 'OSB_STORE_WRONG_INSTANCE' });
    });
  });
}
