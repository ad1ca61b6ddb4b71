/**
 * A broker process for the multi-process tests (`broker-processes.ts` compiles it to
 * JavaScript first): the generated routes, `createBrokerHandlers` and a durable store, over
 * HTTP on 127.0.0.1. Its one argument is a BrokerChildTask as JSON. It prints `listening PORT`
 * once it serves, and a line for each thing the tests watch (`provision ID`, `checkpointed ID`,
 * `resumed OPERATION CHECKPOINT`); stdin lines `open KEY` let gated work finish.
 *
 * The services take their behaviour from the request: `parameters.mode` `gated` works in the
 * background until the test opens the instance's gate, `quick` works in the background for a
 * moment (and so does the deprovision of a quick instance), anything else answers at once. Operations are named after their resource, so that
 * two runs of one script give the same answers.
 */
import { writeSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { createBrokerHandlers } from '../../../../src/runtime/broker/index.js';
import type {
  BackgroundWork,
  BrokerServices,
  InstanceResult,
  JsonObject,
  OperationProgress,
  Store,
  UpdateOutcome,
} from '../../../../src/runtime/broker/index.js';
import { createEmbeddedStore } from '../../../../src/runtime/broker/store/embedded-store.js';
import { createPostgresStore } from '../../../../src/runtime/broker/store/postgres-store.js';
import { CATALOG, CREDENTIALS } from './fixtures.js';

/** Where a child keeps its state and how it behaves. */
export interface BrokerChildTask {
  /** The generated project's compiled output (`dist`). */
  project: string;
  store: { kind: 'embedded'; directory: string } | { kind: 'postgres'; connectionString: string };
  /** The process's name, on what it prints and in its results. */
  name: string;
  leaseSeconds: number;
  /** Whether the services can resume interrupted operations. */
  resume: boolean;
}

type ApiRoutes = (app: FastifyInstance, options: Record<string, unknown>) => Promise<void>;

const task = JSON.parse(process.argv[2] ?? '{}') as BrokerChildTask;
const say = (line: string): void => void writeSync(1, `${line}\n`);

const opened = new Set<string>();
const waiting = new Map<string, (() => void)[]>();
process.stdin.setEncoding('utf8');
let pending = '';
process.stdin.on('data', (chunk: string) => {
  const lines = (pending + chunk).split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    const [command, key = ''] = line.split(' ');
    if (command !== 'open') continue;
    opened.add(key);
    for (const resolve of waiting.get(key) ?? []) resolve();
    waiting.delete(key);
  }
});

/** Resolves once the test sent `open key`; rejects when `signal` aborts first. */
function gate(key: string, signal: AbortSignal): Promise<void> {
  if (opened.has(key)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    waiting.set(key, [...(waiting.get(key) ?? []), resolve]);
  });
}

/** Background work as `mode` asks: gated on `key`, quick, or none (undefined). */
function workFor(mode: unknown, key: string): BackgroundWork<InstanceResult | void> | undefined {
  if (mode === 'gated') {
    return async (progress: OperationProgress) => {
      await progress.checkpoint({ step: 'started', by: task.name });
      say(`checkpointed ${key}`);
      await gate(key, progress.signal);
      return { metadata: { labels: { finished_by: task.name } } };
    };
  }
  if (mode === 'quick') {
    return async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
    };
  }
  return undefined;
}

const modeOf = (parameters: JsonObject | null | undefined): unknown => parameters?.['mode'];

const services: BrokerServices = {
  async provision(input) {
    say(`provision ${input.instanceId}`);
    const dashboardUrl = `https://dashboard.example/${input.instanceId}`;
    const work = workFor(modeOf(input.parameters), input.instanceId);
    if (work === undefined) return { dashboardUrl };
    return { dashboardUrl, operation: `provision-${input.instanceId}`, async: work };
  },
  async update(input): Promise<UpdateOutcome> {
    const work = workFor(modeOf(input.parameters), input.instanceId);
    if (work === undefined) return {};
    return { operation: `update-${input.instanceId}`, async: work };
  },
  async deprovision(input) {
    // Only quick instances are deleted in the background; a gated one was never created.
    const mode = modeOf(input.instance.parameters);
    const work = mode === 'quick' ? workFor(mode, input.instanceId) : undefined;
    if (work === undefined) return;
    return {
      operation: `deprovision-${input.instanceId}`,
      async: async (progress) => void (await work(progress)),
    };
  },
  async bind(input) {
    return { credentials: { user: input.bindingId, password: 'secret' } };
  },
  async unbind() {},
  ...(task.resume
    ? {
        async resume(operation) {
          say(`resumed ${operation.operationId} ${JSON.stringify(operation.checkpoint)}`);
          return { metadata: { labels: { resumed_by: task.name } } };
        },
      }
    : {}),
};

const store: Store =
  task.store.kind === 'embedded'
    ? await createEmbeddedStore({ directory: task.store.directory })
    : await createPostgresStore({ connectionString: task.store.connectionString });
const toStderr = (details: object, message: string): void =>
  void writeSync(2, `${task.name}: ${message} ${JSON.stringify(details)}\n`);
const handlers = createBrokerHandlers({
  catalog: CATALOG,
  store,
  services,
  leaseSeconds: task.leaseSeconds,
  owner: task.name,
  logger: { error: toStderr, warn: toStderr, info: () => undefined },
});
const load = async <T>(module: string): Promise<T> =>
  (await import(pathToFileURL(join(task.project, `${module}.js`)).href)) as T;
const { apiRoutes } = await load<{ apiRoutes: ApiRoutes }>('server/routes');
const { createBrokerServerOptions } = await load<{
  createBrokerServerOptions: (options?: FastifyServerOptions) => FastifyServerOptions;
}>('server/runtime/index');
const app = Fastify(createBrokerServerOptions());
await app.register(apiRoutes, { handlers, authentication: { basic: CREDENTIALS } });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
say(`listening ${typeof address === 'object' && address !== null ? address.port : 0}`);
