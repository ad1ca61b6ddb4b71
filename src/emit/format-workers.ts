import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** Prettier's options for one text, as the worker passes them on. */
export type FormatOptions = Record<string, unknown>;

/** What a worker answers for job `id`: the formatted text, or why prettier refused it. */
type WorkerReply = { id: number; text: string } | { id: number; error: string };

/**
 * The worker's program, evaluated as CommonJS: it loads prettier from the path it is given (the
 * one the main thread resolves, so both use the same copy) and formats what it is sent.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
// Prettier's CommonJS entry, imported: its functions may sit on the default export.
const loading = import(pathToFileURL(workerData.prettier).href).then((loaded) =>
  typeof loaded.format === 'function' ? loaded : loaded.default,
);
parentPort.on('message', async ({ id, text, options }) => {
  try {
    const prettier = await loading;
    parentPort.postMessage({ id, text: await prettier.format(text, options) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
`;

/** A thread with no work for this long stops; the next job starts another. */
const IDLE_MS = 1000;

/**
 * Threads that run prettier beside the main thread, so that formatting (the longest step of a
 * run) overlaps with the main thread's planning and rendering. A thread starts on first use (or
 * `start`), holds the process open only while it has work, and stops once idle.
 */
export class FormatWorkers {
  readonly #prettierPath: string;
  readonly #size: number;
  readonly #workers: Array<FormatWorker | undefined> = [];

  /** `size` threads at most; by default one fewer than the machine's cores, at most two. */
  constructor(prettierPath: string, size = Math.min(availableParallelism() - 1, 2)) {
    this.#prettierPath = prettierPath;
    this.#size = Math.max(size, 0);
  }

  /** How many threads can take work; 0 on a machine of one core. */
  get size(): number {
    return this.#size;
  }

  /** Starts every thread, so that each loads prettier while the run does other work. */
  start(): void {
    for (let index = 0; index < this.#size; index++) this.#worker(index);
  }

  /**
   * The thread with the least work, or undefined when there is none to use (no spare core, or
   * every thread failed).
   */
  pick(): FormatWorker | undefined {
    let best: FormatWorker | undefined;
    for (let index = 0; index < this.#size; index++) {
      const worker = this.#worker(index);
      if (worker.failed) continue;
      if (best === undefined || worker.load < best.load) best = worker;
    }
    return best;
  }

  #worker(index: number): FormatWorker {
    let worker = this.#workers[index];
    if (worker === undefined || worker.stopped) {
      worker = new FormatWorker(this.#prettierPath);
      this.#workers[index] = worker;
    }
    return worker;
  }
}

/** One thread running prettier; a thread that fails is not used again. */
export class FormatWorker {
  readonly #thread: Worker;
  readonly #pending = new Map<
    number,
    { resolve: (text: string) => void; reject: (error: Error) => void }
  >();
  #nextId = 0;
  #failure: Error | undefined;
  #stopped = false;
  #idle: NodeJS.Timeout | undefined;

  constructor(prettierPath: string) {
    this.#thread = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { prettier: prettierPath },
    });
    this.#thread.on('message', (reply: WorkerReply) => this.#settle(reply));
    this.#thread.on('error', (error) => this.#fail(error));
    this.#thread.on('exit', (code) => {
      if (!this.#stopped) this.#fail(new WorkerExit(`format worker exited with code ${code}`));
    });
    this.#becomeIdle();
  }

  /** Whether the thread failed; its jobs then belong on the main thread. */
  get failed(): boolean {
    return this.#failure !== undefined;
  }

  /** Whether the thread stopped after being idle. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /** Jobs sent and not answered yet. */
  get load(): number {
    return this.#pending.size;
  }

  /**
   * Prettier's output for `text`. Rejects with PrettierRefusal when prettier refuses the text,
   * and with another Error when the thread fails.
   */
  format(text: string, options: FormatOptions): Promise<string> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    if (this.#pending.size === 0) {
      clearTimeout(this.#idle);
      this.#thread.ref();
    }
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#thread.postMessage({ id, text, options });
    });
  }

  #settle(reply: WorkerReply): void {
    const job = this.#pending.get(reply.id);
    if (job === undefined) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#becomeIdle();
    if ('error' in reply) job.reject(new PrettierRefusal(reply.error));
    else job.resolve(reply.text);
  }

  /** Lets the process exit without waiting for the thread, which stops if no work comes. */
  #becomeIdle(): void {
    this.#thread.unref();
    this.#idle = setTimeout(() => {
      this.#stopped = true;
      void this.#thread.terminate();
    }, IDLE_MS);
    this.#idle.unref();
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    clearTimeout(this.#idle);
    for (const job of this.#pending.values()) job.reject(this.#failure);
    this.#pending.clear();
  }
}

/** Prettier refused a text in a worker thread (it does not parse); `message` is prettier's. */
export class PrettierRefusal extends Error {}

/** A worker thread stopped; its work goes back to the main thread, so this never surfaces. */
class WorkerExit extends Error {}
