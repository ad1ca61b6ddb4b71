import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { withinDeadline } from '../store/deadline.js';

/** A running Node.js child, its stdout lines as they come. */
export interface Child {
  process: ChildProcess;
  lines: string[];
  /** Resolves with the exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** Resolves with the first line `accept` returns true for; rejects if the child exits first. */
  waitFor(accept: (line: string) => boolean, ms: number): Promise<string>;
  /** Writes one line to the child's stdin. */
  send(line: string): void;
  /** Ends the child at once, as a crash would, and waits for it to be gone. */
  kill(): Promise<void>;
}

/** Starts Node.js children and kills every one still running from `afterEach`. */
export function createChildPool() {
  const children: Child[] = [];
  return {
    start(script: string, args: string[]): Child {
      const child = spawn(process.execPath, [script, ...args], {
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
      // An exit we caused ends its stdin too; writing to it then must not crash the test.
      child.stdin?.on('error', () => undefined);
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
      const started: Child = {
        process: child,
        lines,
        exited,
        waitFor: (accept, ms) =>
          withinDeadline(
            new Promise<string>((done, fail) => {
              const check = (): void => {
                const line = lines.find(accept);
                if (line !== undefined) {
                  listeners.delete(check);
                  done(line);
                } else if (child.exitCode !== null || child.signalCode !== null) {
                  fail(new Error(`child exited: ${stderr}`));
                }
              };
              listeners.add(check);
              void exited.then(() => setImmediate(check));
              check();
            }),
            ms,
            `child ${script}: ${stderr}`,
          ),
        send: (line) => void child.stdin?.write(`${line}\n`),
        async kill() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
      };
      children.push(started);
      return started;
    },
    async killAll(): Promise<void> {
      await Promise.all(children.splice(0).map((child) => child.kill()));
    },
  };
}
