import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/runtime/broker/index.js';
import type { OperationRecord, ServiceInstanceRecord } from '../../../src/runtime/broker/index.js';

const NOW = '2030-01-01T00:00:00.000Z';

function instance(overrides: Partial<ServiceInstanceRecord> = {}): ServiceInstanceRecord {
  return {
    instanceId: 'i-1',
    serviceId: 's',
    planId: 'p',
    fingerprint: '{}',
    parameters: null,
    context: null,
    organizationGuid: null,
    spaceGuid: null,
    maintenanceInfo: null,
    dashboardUrl: null,
    metadata: null,
    state: 'ready',
    enabled: true,
    lastActive: null,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

function operation(overrides: Partial<OperationRecord> = {}): OperationRecord {
  return {
    operationId: 'op-1',
    instanceId: 'i-1',
    bindingId: null,
    type: 'provision',
    state: 'in progress',
    description: null,
    instanceUsable: null,
    updateRepeatable: null,
    fingerprint: '{}',
    payload: {},
    owner: 'p1',
    leaseExpiresAt: NOW,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

describe('MemoryStore', () => {
  it('reads an ID that was never used as undefined', async () => {
    const store = new MemoryStore();
    expect(await store.withInstance('i-1', (tx) => tx.getInstance())).toBeUndefined();
  });

  it('commits the writes of a transaction that resolves', async () => {
    const store = new MemoryStore();
    await store.withInstance('i-1', (tx) => tx.putInstance(instance()));
    expect(await store.withInstance('i-1', (tx) => tx.getInstance())).toEqual(instance());
  });

  it('discards every write of a transaction that rejects', async () => {
    const store = new MemoryStore();
    await store.withInstance('i-1', (tx) => tx.putInstance(instance()));
    const failing = store.withInstance('i-1', async (tx) => {
      await tx.putInstance(instance({ state: 'gone' }));
      await tx.putOperation(operation());
      throw new Error('work failed');
    });
    await expect(failing).rejects.toThrow('work failed');
    const after = await store.withInstance('i-1', async (tx) => ({
      instance: await tx.getInstance(),
      operations: await tx.listActiveOperations(),
    }));
    expect(after).toEqual({ instance: instance(), operations: [] });
  });

  it('lets a transaction read its own writes', async () => {
    const store = new MemoryStore();
    const read = await store.withInstance('i-1', async (tx) => {
      await tx.putInstance(instance({ planId: 'q' }));
      return tx.getInstance();
    });
    expect(read?.planId).toBe('q');
  });

  it('serializes transactions for one instance', async () => {
    const store = new MemoryStore();
    const events: string[] = [];
    await Promise.all(
      [1, 2, 3].map((n) =>
        store.withInstance('i-1', async () => {
          events.push(`start ${n}`);
          await new Promise((resolve) => setTimeout(resolve, 5));
          events.push(`end ${n}`);
        }),
      ),
    );
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('runs transactions for different instances side by side', async () => {
    const store = new MemoryStore();
    let releaseFirst: () => void = () => undefined;
    const first = store.withInstance(
      'i-1',
      () => new Promise<void>((resolve) => (releaseFirst = resolve)),
    );
    await store.withInstance('i-2', (tx) => tx.putInstance(instance({ instanceId: 'i-2' })));
    releaseFirst();
    await first;
  });

  it('keeps the lock usable after a transaction rejects', async () => {
    const store = new MemoryStore();
    await expect(
      store.withInstance('i-1', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.withInstance('i-1', async () => 'next')).toBe('next');
  });

  it('hands out copies, so changing a record read never changes the store', async () => {
    const store = new MemoryStore();
    const record = instance({ parameters: { size: 1 } });
    await store.withInstance('i-1', (tx) => tx.putInstance(record));
    record.parameters = { size: 2 };
    const read = await store.withInstance('i-1', (tx) => tx.getInstance());
    if (read?.parameters) read.parameters['size'] = 3;
    const again = await store.withInstance('i-1', (tx) => tx.getInstance());
    expect(again?.parameters).toEqual({ size: 1 });
  });

  it('finds operations by ID and the latest per resource', async () => {
    const store = new MemoryStore();
    await store.withInstance('i-1', async (tx) => {
      await tx.putOperation(operation({ operationId: 'a', state: 'succeeded' }));
      await tx.putOperation(operation({ operationId: 'b', bindingId: 'b-1', type: 'bind' }));
      await tx.putOperation(operation({ operationId: 'c', type: 'update' }));
    });
    const found = await store.withInstance('i-1', async (tx) => ({
      a: (await tx.getOperation(null, 'a'))?.state,
      bAsInstanceOperation: await tx.getOperation(null, 'b'),
      latest: (await tx.getLatestOperation(null))?.operationId,
      latestOfBinding: (await tx.getLatestOperation('b-1'))?.operationId,
      active: (await tx.listActiveOperations()).map((op) => op.operationId),
    }));
    expect(found).toEqual({
      a: 'succeeded',
      bAsInstanceOperation: undefined,
      latest: 'c',
      latestOfBinding: 'b',
      active: ['b', 'c'],
    });
  });

  it('updates an operation in place when it is written again', async () => {
    const store = new MemoryStore();
    await store.withInstance('i-1', async (tx) => {
      await tx.putOperation(operation({ operationId: 'a' }));
      await tx.putOperation(operation({ operationId: 'b' }));
      await tx.putOperation(operation({ operationId: 'a', state: 'failed' }));
    });
    const latest = await store.withInstance('i-1', (tx) => tx.getLatestOperation(null));
    expect(latest?.operationId).toBe('b');
  });

  it('lists bindings', async () => {
    const store = new MemoryStore();
    await store.withInstance('i-1', (tx) =>
      tx.putBinding({
        instanceId: 'i-1',
        bindingId: 'b-1',
        serviceId: 's',
        planId: 'p',
        fingerprint: '{}',
        parameters: null,
        context: null,
        response: { credentials: { user: 'u' } },
        state: 'ready',
        createdAt: NOW,
        updatedAt: NOW,
      }),
    );
    const bindings = await store.withInstance('i-1', (tx) => tx.listBindings());
    expect(bindings.map((binding) => binding.bindingId)).toEqual(['b-1']);
    expect(await store.withInstance('i-1', (tx) => tx.getBinding('b-2'))).toBeUndefined();
  });

  it('claims only in-progress operations whose lease expired, for the new owner', async () => {
    const store = new MemoryStore();
    await store.withInstance('i-1', async (tx) => {
      await tx.putOperation(
        operation({ operationId: 'expired', leaseExpiresAt: '2029-12-31T23:59:00.000Z' }),
      );
      await tx.putOperation(
        operation({ operationId: 'leased', leaseExpiresAt: '2030-01-01T00:01:00.000Z' }),
      );
      await tx.putOperation(
        operation({
          operationId: 'done',
          state: 'succeeded',
          leaseExpiresAt: '2029-01-01T00:00:00.000Z',
        }),
      );
    });
    const claimed = await store.claimExpiredOperations(
      'p2',
      new Date(NOW),
      new Date('2030-01-01T00:00:30.000Z'),
    );
    expect(claimed.map((op) => [op.operationId, op.owner, op.leaseExpiresAt])).toEqual([
      ['expired', 'p2', '2030-01-01T00:00:30.000Z'],
    ]);
    const again = await store.claimExpiredOperations('p3', new Date(NOW), new Date(NOW));
    expect(again).toEqual([]);
  });

  it('refuses to be used after close', async () => {
    const store = new MemoryStore();
    await store.close();
    await expect(store.withInstance('i-1', (tx) => tx.getInstance())).rejects.toMatchObject({
      code: 'OSB_RUNTIME_INVALID_OPTIONS',
    });
  });
});
