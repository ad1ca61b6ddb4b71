import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  CONTEXT_SETTINGS,
  OPENAPI_TYPESCRIPT_PATH,
  printOpenApiTypes,
  SCAN_OPTIONS,
} from './openapi-typescript.js';

/**
 * The worker's program, evaluated as CommonJS (so it runs the same from `dist/` and under a test
 * runner): it loads openapi-typescript from the path it is given, then prints the types of the
 * one document it is sent, as `printOpenApiTypes` does on the main thread.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { dirname, join } = require('node:path');
// The transform's own modules, when they are where openapi-typescript 7 keeps them: its entry
// also loads Redocly's whole API for its bundler, 200 ms this thread does not need.
function loadOpenapiTypescript() {
  const dist = dirname(workerData.openapiTypescript);
  try {
    const utils = require(join(dist, 'lib', 'utils.cjs'));
    const parts = {
      transformSchema: require(join(dist, 'transform', 'index.cjs')),
      scanDiscriminators: utils.scanDiscriminators,
      resolveRef: utils.resolveRef,
      astToString: require(join(dist, 'lib', 'ts.cjs')).astToString,
    };
    if (Object.values(parts).every((part) => typeof part === 'function')) return parts;
  } catch {
    // Another layout: the entry has all of them.
  }
  return require(workerData.openapiTypescript);
}
const openapiTypescript = loadOpenapiTypescript();
parentPort.once('message', ({ document, settings, scanOptions }) => {
  // Each $ref answered once, as memoize() in openapi-typescript.ts does on the main thread.
  const answers = new Map();
  const resolve = ($ref) => {
    if (!answers.has($ref)) {
      answers.set($ref, openapiTypescript.resolveRef(document, $ref, { silent: settings.silent }));
    }
    return answers.get($ref);
  };
  try {
    const context = {
      ...settings,
      injectFooter: [],
      redoc: undefined,
      discriminators: openapiTypescript.scanDiscriminators(document, scanOptions),
      resolve,
    };
    const nodes = openapiTypescript.transformSchema(document, context);
    parentPort.postMessage({ text: openapiTypescript.astToString(nodes) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    parentPort.postMessage({ error: { message, stack: error instanceof Error ? error.stack : undefined } });
  }
});
`;

type WorkerReply = { text: string } | { error: { message: string; stack?: string } };

/**
 * openapi-typescript on a thread of its own: loading it and `typescript` takes a few hundred
 * milliseconds, and printing GitHub's description two seconds, which the main thread spends
 * loading the spec and rendering the other targets instead. The thread starts with `start`,
 * before the spec loads; `print` sends it the document (a copy: openapi-typescript rewrites
 * the document it is given, which no other target then sees). Where the thread cannot run,
 * the types are printed on the main thread, when they are asked for.
 */
export class TypesWorker {
  readonly #thread: Worker;
  #failed = false;
  /** Settles the reply under way: the thread's answer, or undefined when the thread failed. */
  #settle: ((reply: WorkerReply | undefined) => void) | undefined;

  private constructor() {
    this.#thread = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { openapiTypescript: OPENAPI_TYPESCRIPT_PATH },
    });
    // Until it has work, the thread must not hold the process open (a run may stop early).
    this.#thread.unref();
    this.#thread.on('message', (reply: WorkerReply) => this.#answer(reply));
    this.#thread.on('error', () => this.#answer(undefined));
    this.#thread.on('exit', () => this.#answer(undefined));
  }

  /** A worker loading openapi-typescript; undefined on a machine with one core. */
  static start(): TypesWorker | undefined {
    return availableParallelism() > 1 ? new TypesWorker() : undefined;
  }

  /**
   * Sends the document now and returns a function that resolves with the printed types, as
   * `printOpenApiTypes` would print them. When the thread failed, that function prints them on
   * the main thread when it is called. The thread stops after answering.
   * @throws Error when openapi-typescript throws on the document, as on the main thread.
   */
  print(document: object): () => Promise<string> {
    const reply = this.#send(document);
    return async () => {
      const answer = await reply;
      if (answer === undefined) return printOpenApiTypes(document);
      if ('text' in answer) return answer.text;
      // openapi-typescript's own error, carried over from the thread: on the main thread it
      // would surface as it is, an internal error (exit 70), and so it does from here.
      // eslint-disable-next-line no-restricted-syntax
      const error = new Error(answer.error.message);
      if (answer.error.stack !== undefined) error.stack = answer.error.stack;
      throw error;
    };
  }

  /** Stops the thread; a run that ends early (a bad spec) calls it. */
  stop(): void {
    void this.#thread.terminate();
  }

  #send(document: object): Promise<WorkerReply | undefined> {
    if (this.#failed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.#settle = resolve;
      this.#thread.ref();
      try {
        this.#thread.postMessage({
          document,
          settings: CONTEXT_SETTINGS,
          scanOptions: SCAN_OPTIONS,
        });
      } catch {
        // A document that cannot be copied (none is: the spec stage parsed it from JSON or
        // YAML) is printed on the main thread.
        this.#answer(undefined);
      }
    });
  }

  /** The thread answered (undefined: it failed, and never will); it stops either way. */
  #answer(reply: WorkerReply | undefined): void {
    if (reply === undefined) this.#failed = true;
    const settle = this.#settle;
    this.#settle = undefined;
    this.stop();
    settle?.(reply);
  }
}
