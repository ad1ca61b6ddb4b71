import { describe, expect, it } from 'vitest';
import { createInstanceMutex } from '../../../src/runtime/broker/instance-mutex.js';

/** Resolves once every promise callback queued so far has run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createInstanceMutex', () => {
  it('hands an instance to waiting holders one at a time, in the order they asked', async () => {
    const mutex = createInstanceMutex();
    const order: string[] = [];
    const releaseFirst = await mutex.acquire('i-1');
    const second = mutex.acquire('i-1').then((release) => {
      order.push('second');
      return release;
    });
    const third = mutex.acquire('i-1').then((release) => {
      order.push('third');
      return release;
    });
    await settle();
    expect(order).toEqual([]);
    releaseFirst();
    (await second)();
    (await third)();
    expect(order).toEqual(['second', 'third']);
  });

  it('lets holders of different instances in at once', async () => {
    const mutex = createInstanceMutex();
    await mutex.acquire('i-1');
    let entered = false;
    void mutex.acquire('i-2').then(() => {
      entered = true;
    });
    await settle();
    expect(entered).toBe(true);
  });

  it('ignores a second release, so the next holder keeps the instance', async () => {
    const mutex = createInstanceMutex();
    const releaseFirst = await mutex.acquire('i-1');
    const second = mutex.acquire('i-1');
    let thirdEntered = false;
    void mutex.acquire('i-1').then(() => {
      thirdEntered = true;
    });
    releaseFirst();
    await second;
    releaseFirst();
    await settle();
    expect(thirdEntered).toBe(false);
  });

  it('is free again once every holder released', async () => {
    const mutex = createInstanceMutex();
    (await mutex.acquire('i-1'))();
    let entered = false;
    void mutex.acquire('i-1').then(() => {
      entered = true;
    });
    await settle();
    expect(entered).toBe(true);
  });
});
