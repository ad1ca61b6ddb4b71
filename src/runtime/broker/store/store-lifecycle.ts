import { StoreError } from './store-error.js';

/**
 * The open/closed state the durable stores share: calls are refused once `close` began, and
 * `close` waits for the calls still running before the store lets go of its connections.
 */
export class StoreLifecycle {
  readonly #name: string;
  readonly #running = new Set<Promise<unknown>>();
  #closed = false;

  /** `name` completes the error message, as in "the embedded store is closed". */
  constructor(name: string) {
    this.#name = name;
  }

  /** Runs `call` if the store is open, remembering it until it settles; rejects with OSB_STORE_CLOSED otherwise. */
  track<T>(call: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(this.closedError());
    const running = call();
    this.#running.add(running);
    const forget = (): void => void this.#running.delete(running);
    running.then(forget, forget);
    return running;
  }

  /** Throws OSB_STORE_CLOSED once the store closed. */
  assertOpen(): void {
    if (this.#closed) throw this.closedError();
  }

  /** Marks the store closed and waits for the running calls; false when it was closed already. */
  async close(): Promise<boolean> {
    if (this.#closed) return false;
    this.#closed = true;
    await Promise.allSettled([...this.#running]);
    return true;
  }

  closedError(): StoreError {
    return new StoreError('OSB_STORE_CLOSED', `the ${this.#name} store is closed`);
  }
}
