import { MemoryStore } from '../../../../src/runtime/broker/memory-store.js';
import { defineStoreContract } from './store-contract.js';

defineStoreContract('memory', {
  durable: false,
  claimSkipsHeldInstances: false,
  refusesMisuse: false,
  async open() {
    const store = new MemoryStore();
    return {
      store,
      reopen: () => Promise.reject(new Error('the memory store keeps nothing across close')),
      dispose: () => store.close(),
    };
  },
});
