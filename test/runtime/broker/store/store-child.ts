/**
 * A broker-like process for the cross-process tests, run by `store-processes.ts` (compiled to
 * JavaScript first). Its one argument is JSON: which store to open, and what to do.
 *   increment: once told "go" on stdin, `times` transactions, each adding one to the
 *   instance's metadata.counter.
 *   write-until-killed: transactions forever, each adding a binding and an operation and
 *   setting the counter to their number; prints the number once committed.
 */
import { writeSync } from 'node:fs';
import type { Store } from '../../../../src/runtime/broker/store.js';
import { createEmbeddedStore } from '../../../../src/runtime/broker/store/embedded-store.js';
import { createPostgresStore } from '../../../../src/runtime/broker/store/postgres-store.js';
import { bindingRecord, instanceRecord, operationRecord } from './records.js';

export interface ChildTask {
  store: { kind: 'embedded'; directory: string } | { kind: 'postgres'; connectionString: string };
  mode: 'increment' | 'write-until-killed';
  instanceId: string;
  times?: number;
}

const task = JSON.parse(process.argv[2] ?? '{}') as ChildTask;
const store: Store =
  task.store.kind === 'embedded'
    ? await createEmbeddedStore({ directory: task.store.directory })
    : await createPostgresStore({ connectionString: task.store.connectionString });
const say = (line: string): void => void writeSync(1, `${line}\n`);
const { instanceId } = task;

if (task.mode === 'increment') {
  // Both processes start counting only when the test says go, so that they surely overlap.
  say('ready');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  for (let round = 0; round < (task.times ?? 0); round++) {
    await store.withInstance(instanceId, async (tx) => {
      const counter = Number((await tx.getInstance())?.metadata?.counter ?? 0);
      // Give the other process every chance to read the same value, were the lock missing.
      await new Promise((resolve) => setImmediate(resolve));
      await tx.putInstance(instanceRecord(instanceId, { metadata: { counter: counter + 1 } }));
    });
  }
  await store.close();
  say('done');
} else {
  say('ready');
  const payload = { filler: 'x'.repeat(4_000) };
  for (let round = 1; ; round++) {
    await store.withInstance(instanceId, async (tx) => {
      await tx.putBinding(bindingRecord(instanceId, `b-${round}`));
      await tx.putOperation(operationRecord(instanceId, null, `op-${round}`, { payload }));
      await tx.putInstance(instanceRecord(instanceId, { metadata: { counter: round } }));
    });
    say(String(round));
  }
}
