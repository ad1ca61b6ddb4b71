import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../../src/runtime/broker/store.js';
import type { ChildTask } from './store-child.js';
import { withinDeadline } from './deadline.js';

const REPO = resolve(import.meta.dirname, '../../../..');
const SOURCES = [
  'src/runtime/broker/store.ts',
  'src/runtime/broker/store',
  'test/runtime/broker/store/store-child.ts',
  'test/runtime/broker/store/records.ts',
];

/**
 * Compiles the stores and `store-child.ts` to JavaScript in a temporary directory (Node 20 runs
 * no TypeScript) whose node_modules is this repository's; returns the child's script.
 */
async function compileChild(dir: string): Promise<string> {
  const files = (
    await Promise.all(
      SOURCES.map(async (source) =>
        source.endsWith('.ts')
          ? [source]
          : (await readdir(join(REPO, source)))
              .filter((f) => f.endsWith('.ts'))
              .map((f) => `${source}/${f}`),
      ),
    )
  ).flat();
  for (const file of files) {
    const output = ts.transpileModule(await readFile(join(REPO, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      fileName: file,
    }).outputText;
    const target = join(dir, file.replace(/\.ts$/, '.js'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, output);
  }
  await symlink(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  return join(dir, 'test/runtime/broker/store/store-child.js');
}

/** What the process tests need of a store: where children find it, and opening it here. */
export interface ProcessSubject {
  /** A fresh, empty store location for one test. */
  create(): Promise<{ task: ChildTask['store']; open(): Promise<Store>; dispose(): Promise<void> }>;
}

/** A running child, its stdout lines as they come. */
interface Child {
  process: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
  /** Resolves once `accept` returns true for a line. */
  waitFor(accept: (line: string) => boolean, ms: number): Promise<void>;
}

/** Tests of a store shared between processes: the two of them at once, and a killed one. */
export function defineProcessTests(name: string, subject: ProcessSubject): void {
  describe(`the ${name} store shared between processes`, () => {
    let workDir: string;
    let script: string;
    const children: Child[] = [];
    const cleanups: (() => Promise<void>)[] = [];

    beforeAll(async () => {
      workDir = await mkdtemp(join(tmpdir(), 'brokergen-store-child-'));
      script = await compileChild(workDir);
    });

    afterEach(async () => {
      for (const child of children.splice(0)) {
        if (child.process.exitCode === null && child.process.signalCode === null) {
          child.process.kill('SIGKILL');
        }
        await child.exited;
      }
      for (const cleanup of cleanups.splice(0)) await cleanup();
    });

    afterAll(async () => {
      await rm(workDir, { recursive: true, force: true });
    });

    const start = (task: ChildTask): Child => {
      const child = spawn(process.execPath, [script, JSON.stringify(task)], {
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const lines: string[] = [];
      let stderr = '';
      let pending = '';
      const listeners = new Set<() => void>();
      child.stdout?.on('data', (chunk: Buffer) => {
        const parts = (pending + chunk.toString()).split('\n');
        pending = parts.pop() ?? '';
        lines.push(...parts);
        for (const listener of listeners) listener();
      });
      child.stderr?.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
      const started: Child = {
        process: child,
        lines,
        exited,
        waitFor: (accept, ms) =>
          withinDeadline(
            new Promise<void>((done, fail) => {
              const check = (): void => {
                if (lines.some(accept)) done();
                else if (child.exitCode !== null) fail(new Error(`child exited: ${stderr}`));
              };
              listeners.add(check);
              void exited.then(() => setImmediate(check));
              check();
            }),
            ms,
            `child ${relative(REPO, script)}: ${stderr}`,
          ),
      };
      children.push(started);
      return started;
    };

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
      child.process.kill('SIGKILL');
      await child.exited;
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
