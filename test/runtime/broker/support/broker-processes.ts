import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrokerChildTask } from './broker-child.js';
import { createChildPool } from './child-processes.js';
import type { Child } from './child-processes.js';
import { createBrokerFetch } from './fixtures.js';
import type { RunningBrokerLike } from './fixtures.js';
import { transpileSources } from './transpile-sources.js';

/** What a broker child needs: the runtime, its script and the catalog it serves. */
const SOURCES = [
  'src/runtime',
  'test/runtime/broker/support/broker-child.ts',
  'test/runtime/broker/support/fixtures.ts',
];

/** A broker running in a child process, and how a platform talks to it. */
export interface BrokerProcess extends RunningBrokerLike {
  name: string;
  child: Child;
  url: string;
}

/** Starts broker processes serving the generated routes of `project` (its compiled `dist`). */
export function createBrokerProcesses(project: () => string) {
  const children = createChildPool();
  let workDir: string | undefined;
  let script = '';
  return {
    /** Compiles the runtime and the child once per file. */
    async setUp(): Promise<void> {
      workDir = await mkdtemp(join(tmpdir(), 'brokergen-broker-child-'));
      await transpileSources(workDir, SOURCES);
      script = join(workDir, 'test/runtime/broker/support/broker-child.js');
    },
    /** Starts a broker process and resolves once it listens. */
    async start(task: Omit<BrokerChildTask, 'project'>): Promise<BrokerProcess> {
      const child = children.start(script, [JSON.stringify({ ...task, project: project() })]);
      const listening = await child.waitFor((line) => line.startsWith('listening '), 30_000);
      const url = `http://127.0.0.1:${listening.slice('listening '.length)}`;
      return { name: task.name, child, url, fetch: createBrokerFetch(url) };
    },
    /** Kills every process still running, as a crash would. */
    killAll: () => children.killAll(),
    async tearDown(): Promise<void> {
      if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
    },
  };
}
