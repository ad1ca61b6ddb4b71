/**
 * Errors of the durable stores. They live here, not in `../../errors.ts`, because the stores are
 * copied into a generated project only when it uses them, with nothing but `../store.js` beside
 * them.
 */

/** Codes of `StoreError`. Never reused. */
export type StoreErrorCode =
  /** The store was used after `close()`. */
  | 'OSB_STORE_CLOSED'
  /** A transaction was used after its `withInstance` call had settled. */
  | 'OSB_STORE_TRANSACTION_ENDED'
  /** A record written in a transaction names another instance than the one locked. */
  | 'OSB_STORE_WRONG_INSTANCE'
  /** A record holds a value the store cannot keep (a timestamp that is no date). */
  | 'OSB_STORE_INVALID_RECORD'
  /** The database was migrated by a newer brokergen than this one. */
  | 'OSB_STORE_SCHEMA_TOO_NEW'
  /** PostgreSQL rolled the transaction back (a statement in it failed and `work` caught it). */
  | 'OSB_STORE_COMMIT_FAILED'
  /** The embedded store's instance lock expired and another process took it over. */
  | 'OSB_STORE_LOCK_LOST'
  /** `createEmbeddedStore` or `createPostgresStore` got options it cannot use. */
  | 'OSB_STORE_INVALID_OPTIONS';

/** A failure of the store itself, or a misuse of it: a bug or an outage, never a 4xx. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
