import { randomBytes } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import type { JsonObject, Store } from '../../../../src/runtime/broker/store.js';
import { bindingRecord, instanceRecord, operationRecord } from './records.js';

/** Contract tests of what a transaction reads and writes, and what a commit keeps. */
export function defineTransactionTests(current: () => Store): void {
  let store: Store;

  beforeEach(() => {
    store = current();
  });

  it('reads IDs that were never used as undefined and lists nothing for them', async () => {
    const seen = await store.withInstance('never-used', async (tx) => ({
      instance: await tx.getInstance(),
      binding: await tx.getBinding('never-used'),
      operation: await tx.getOperation(null, 'never-used'),
      latest: await tx.getLatestOperation(null),
      bindings: await tx.listBindings(),
      active: await tx.listActiveOperations(),
    }));
    expect(seen).toEqual({
      instance: undefined,
      binding: undefined,
      operation: undefined,
      latest: undefined,
      bindings: [],
      active: [],
    });
  });

  it('reads its own writes inside a transaction', async () => {
    const seen = await store.withInstance('i-1', async (tx) => {
      await tx.putInstance(instanceRecord('i-1'));
      await tx.putBinding(bindingRecord('i-1', 'b-1'));
      await tx.putOperation(operationRecord('i-1', null, 'op-1'));
      await tx.putOperation(operationRecord('i-1', 'b-1', 'op-2'));
      return {
        instance: await tx.getInstance(),
        binding: await tx.getBinding('b-1'),
        bindings: await tx.listBindings(),
        operation: await tx.getOperation('b-1', 'op-2'),
        latest: await tx.getLatestOperation(null),
        active: await tx.listActiveOperations(),
      };
    });
    expect(seen.instance).toEqual(instanceRecord('i-1'));
    expect(seen.binding).toEqual(bindingRecord('i-1', 'b-1'));
    expect(seen.bindings).toEqual([bindingRecord('i-1', 'b-1')]);
    expect(seen.operation).toEqual(operationRecord('i-1', 'b-1', 'op-2'));
    expect(seen.latest).toEqual(operationRecord('i-1', null, 'op-1'));
    expect(seen.active).toHaveLength(2);
  });

  it('commits the writes and answers what work returned when work resolves', async () => {
    const returned = await store.withInstance('i-1', async (tx) => {
      await tx.putInstance(instanceRecord('i-1'));
      return 'done';
    });
    expect(returned).toBe('done');
    const instance = await store.withInstance('i-1', (tx) => tx.getInstance());
    expect(instance).toEqual(instanceRecord('i-1'));
  });

  it('discards every write and rejects with the same error when work rejects', async () => {
    const failure = new Error('the handler failed');
    const attempt = store.withInstance('i-1', async (tx) => {
      await tx.putInstance(instanceRecord('i-1'));
      await tx.putBinding(bindingRecord('i-1', 'b-1'));
      await tx.putOperation(operationRecord('i-1', null, 'op-1'));
      throw failure;
    });
    await expect(attempt).rejects.toBe(failure);
    const seen = await store.withInstance('i-1', async (tx) => ({
      instance: await tx.getInstance(),
      bindings: await tx.listBindings(),
      operation: await tx.getOperation(null, 'op-1'),
    }));
    expect(seen).toEqual({ instance: undefined, bindings: [], operation: undefined });
  });

  it('keeps the committed version of a record when a later update rejects', async () => {
    await store.withInstance('i-1', (tx) => tx.putInstance(instanceRecord('i-1')));
    await expect(
      store.withInstance('i-1', async (tx) => {
        await tx.putInstance(instanceRecord('i-1', { state: 'deleting' }));
        throw new Error('rejected');
      }),
    ).rejects.toThrow('rejected');
    const instance = await store.withInstance('i-1', (tx) => tx.getInstance());
    expect(instance?.state).toBe('creating');
  });

  it('round-trips every field of an instance, a binding and an operation, unicode included', async () => {
    const id = 'instance-ünïcødé-实例-🦄';
    const text = 'Ünïcødé 实例 مثال 🦄\u2028 "quoted" \\ back\'slash';
    const json: JsonObject = {
      text,
      number: -12.5,
      big: 9_007_199_254_740_991,
      flags: [true, false, null],
      deep: { list: [{ a: 1 }, [], {}], empty: '' },
      [text]: 'a unicode key',
    };
    const instance = instanceRecord(id, { parameters: json, metadata: json, state: 'ready' });
    const binding = bindingRecord(id, `binding-${text}`, { response: json, state: 'failed' });
    const operation = operationRecord(id, binding.bindingId, `op-${text}`, {
      description: text,
      payload: json,
      instanceUsable: false,
      updateRepeatable: true,
      type: 'unbind',
      state: 'failed',
    });
    await store.withInstance(id, async (tx) => {
      await tx.putInstance(instance);
      await tx.putBinding(binding);
      await tx.putOperation(operation);
    });
    const seen = await store.withInstance(id, async (tx) => ({
      instance: await tx.getInstance(),
      binding: await tx.getBinding(binding.bindingId),
      operation: await tx.getOperation(binding.bindingId, operation.operationId),
    }));
    expect(seen).toEqual({ instance, binding, operation });
  });

  it('round-trips null in every nullable field', async () => {
    const instance = instanceRecord('i-1', {
      parameters: null,
      context: null,
      organizationGuid: null,
      spaceGuid: null,
      maintenanceInfo: null,
      dashboardUrl: null,
      metadata: null,
      enabled: false,
      lastActive: null,
    });
    const binding = bindingRecord('i-1', 'b-1', {
      parameters: null,
      context: null,
      response: null,
    });
    const operation = operationRecord('i-1', null, 'op-1', {
      description: null,
      instanceUsable: null,
      updateRepeatable: null,
      owner: null,
      leaseExpiresAt: null,
      payload: {},
    });
    await store.withInstance('i-1', async (tx) => {
      await tx.putInstance(instance);
      await tx.putBinding(binding);
      await tx.putOperation(operation);
    });
    const seen = await store.withInstance('i-1', async (tx) => ({
      instance: await tx.getInstance(),
      binding: await tx.getBinding('b-1'),
      operation: await tx.getOperation(null, 'op-1'),
    }));
    expect(seen).toEqual({ instance, binding, operation });
  });

  it('keeps an operation whose ID has the 10,000 characters OSB allows', async () => {
    // Random characters, so that no compression shrinks them below an index entry's limit.
    const long = randomBytes(7_500).toString('base64');
    const twin = long.slice(0, -1) + (long.endsWith('A') ? 'B' : 'A');
    await store.withInstance('i-1', async (tx) => {
      await tx.putOperation(operationRecord('i-1', null, long, { description: 'long' }));
      await tx.putOperation(operationRecord('i-1', null, twin, { description: 'twin' }));
    });
    const seen = await store.withInstance('i-1', async (tx) => [
      await tx.getOperation(null, long),
      await tx.getOperation(null, twin),
    ]);
    expect(long).toHaveLength(10_000);
    expect(seen.map((op) => [op?.operationId, op?.description])).toEqual([
      [long, 'long'],
      [twin, 'twin'],
    ]);
  });

  it('answers the operation written first last as the latest, even after an older one changes', async () => {
    await store.withInstance('i-1', async (tx) => {
      await tx.putOperation(operationRecord('i-1', null, 'op-1'));
      await tx.putOperation(operationRecord('i-1', null, 'op-2'));
    });
    const latest = await store.withInstance('i-1', async (tx) => {
      await tx.putOperation(operationRecord('i-1', null, 'op-1', { state: 'succeeded' }));
      const inside = await tx.getLatestOperation(null);
      return { inside, binding: await tx.getLatestOperation('b-1') };
    });
    const after = await store.withInstance('i-1', (tx) => tx.getLatestOperation(null));
    expect([latest.inside?.operationId, latest.binding, after?.operationId]).toEqual([
      'op-2',
      undefined,
      'op-2',
    ]);
  });

  it("keeps the instance's operations and each binding's apart, even under one operation ID", async () => {
    await store.withInstance('i-1', async (tx) => {
      await tx.putOperation(operationRecord('i-1', null, 'op', { description: 'instance' }));
      await tx.putOperation(operationRecord('i-1', 'b-1', 'op', { description: 'b-1' }));
      await tx.putOperation(operationRecord('i-1', 'b-2', 'op', { description: 'b-2' }));
    });
    const seen = await store.withInstance('i-1', async (tx) =>
      [
        await tx.getOperation(null, 'op'),
        await tx.getOperation('b-1', 'op'),
        await tx.getLatestOperation('b-2'),
      ].map((op) => op?.description),
    );
    expect(seen).toEqual(['instance', 'b-1', 'b-2']);
  });

  it('lists as active the in-progress operations of the instance and all its bindings', async () => {
    await store.withInstance('i-1', async (tx) => {
      await tx.putOperation(operationRecord('i-1', null, 'op-1'));
      await tx.putOperation(operationRecord('i-1', 'b-1', 'op-2'));
      await tx.putOperation(operationRecord('i-1', 'b-2', 'op-3', { state: 'succeeded' }));
      await tx.putOperation(operationRecord('i-1', null, 'op-4', { state: 'failed' }));
    });
    const active = await store.withInstance('i-1', async (tx) => {
      await tx.putOperation(operationRecord('i-1', null, 'op-1', { state: 'succeeded' }));
      await tx.putOperation(operationRecord('i-1', null, 'op-4', { state: 'in progress' }));
      return tx.listActiveOperations();
    });
    expect(active.map((op) => op.operationId).sort()).toEqual(['op-2', 'op-4']);
  });

  it('keeps the records of different instances apart', async () => {
    await store.withInstance('i-1', async (tx) => {
      await tx.putInstance(instanceRecord('i-1'));
      await tx.putBinding(bindingRecord('i-1', 'b-1'));
      await tx.putOperation(operationRecord('i-1', null, 'op-1'));
    });
    const seen = await store.withInstance('i-2', async (tx) => ({
      instance: await tx.getInstance(),
      binding: await tx.getBinding('b-1'),
      bindings: await tx.listBindings(),
      operation: await tx.getOperation(null, 'op-1'),
      active: await tx.listActiveOperations(),
    }));
    expect(seen).toEqual({
      instance: undefined,
      binding: undefined,
      bindings: [],
      operation: undefined,
      active: [],
    });
  });

  it('lists bindings in the order they were first written, updates included', async () => {
    await store.withInstance('i-1', async (tx) => {
      await tx.putBinding(bindingRecord('i-1', 'b-2'));
      await tx.putBinding(bindingRecord('i-1', 'b-1'));
    });
    const ids = await store.withInstance('i-1', async (tx) => {
      await tx.putBinding(bindingRecord('i-1', 'b-2', { state: 'gone' }));
      await tx.putBinding(bindingRecord('i-1', 'b-3'));
      return (await tx.listBindings()).map((binding) => `${binding.bindingId}:${binding.state}`);
    });
    expect(ids).toEqual(['b-2:gone', 'b-1:ready', 'b-3:ready']);
  });
}
