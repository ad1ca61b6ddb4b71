import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../../src/runtime/broker/store.js';
import type { ChildTask } from './store-child.js';
import { transpileSources } from '../support/transpile-sources.js';
import { createChildPool } from '../support/child-processes.js';
import type { Child } from '../support/child-processes.js';
import { withinDeadline } from './deadline.js';

const SOURCES = [
  'src/runtime/broker/store.ts',
  'src/runtime/broker/instance-mutex.ts',
  'src/runtime/broker/copy-json.ts',
  'src/runtime/broker/store',
  'test/runtime/broker/store/store-child.ts',
  'test/runtime/broker/store/records.ts',
];

/** Compiles the stores and `store-child.ts` into `dir`; returns the child's script. */
async function compileChild(dir: string): Promise<string> {
  await transpileSources(dir, SOURCES);
  return join(dir, 'test/runtime/broker/store/store-child.js');
}

/** What the process tests need of a store: where children find it, and opening it here. */
export interface ProcessSubject {
  /** A fresh, empty store location for one test. */
  create(): Promise<{ task: ChildTask['store']; open(): Promise<Store>; dispose(): Promise<void> }>;
}

/** Tests of a store shared between processes: the two of them at once, and a killed one. */
export function defineProcessTests(name: string, subject: ProcessSubject): void {
  describe(`the ${name} store shared between processes`, () => {
    let workDir: string;
    let script: string;
    const children = createChildPool();
    const cleanups: (() => Promise<void>)[] = [];

    beforeAll(async () => {
      workDir = await mkdtemp(join(tmpdir(), 'brokergen-store-child-'));
      script = await compileChild(workDir);
    });

    afterEach(async () => {
      await children.killAll();
      for (const cleanup of cleanups.splice(0)) await cleanup();
    });

    afterAll(async () => {
      await rm(workDir, { recursive: true, force: true });
    });

    const start = (task: ChildTask): Child => children.start(script, [JSON.stringify(task)]);

    it('ends at 400 when two processes add one to a counter 200 times each', async () => {
      const location = await subject.create();
      cleanups.push(location.dispose);
      const task: ChildTask = {
        store: location.task,
        mode: 'increment',
        instanceId: 'shared',
        times: 200,
      };
      const both = [start(task), start(task)];
      await Promise.all(both.map((child) => child.waitFor((line) => line === 'ready', 15_000)));
      for (const child of both) child.process.stdin?.end('go\n');
      await Promise.all(both.map((child) => child.waitFor((line) => line === 'done', 30_000)));
      expect(await Promise.all(both.map((child) => child.exited))).toEqual([0, 0]);
      const store = await location.open();
      const instance = await store.withInstance('shared', (tx) => tx.getInstance());
      await store.close();
      expect(instance?.metadata?.counter).toBe(400);
    });

    it('keeps every commit of a process killed while writing, and nothing half-written', async () => {
      const location = await subject.create();
      cleanups.push(location.dispose);
      const child = start({
        store: location.task,
        mode: 'write-until-killed',
        instanceId: 'crashed',
      });
      await child.waitFor((line) => Number(line) >= 25, 30_000);
      await child.kill();
      const acknowledged = Math.max(...child.lines.map(Number).filter(Number.isInteger));
      const store = await location.open();
      const seen = await withinDeadline(
        store.withInstance('crashed', async (tx) => {
          const counter = Number((await tx.getInstance())?.metadata?.counter);
          return {
            counter,
            bindings: (await tx.listBindings()).length,
            latest: (await tx.getLatestOperation(null))?.operationId,
            next: await tx.getOperation(null, `op-${counter + 1}`),
          };
        }),
        20_000,
        'reopening after the kill',
      );
      await store.close();
      // The kill may land after a commit and before its acknowledgement: one more is fine.
      expect(seen.counter - acknowledged).toBeGreaterThanOrEqual(0);
      expect(seen.counter - acknowledged).toBeLessThanOrEqual(1);
      expect(seen).toEqual({
        counter: seen.counter,
        bindings: seen.counter,
        latest: `op-${seen.counter}`,
        next: undefined,
      });
    });
  });
}
