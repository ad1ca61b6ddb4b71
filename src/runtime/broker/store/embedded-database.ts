/**
 * The embedded store's SQLite file (better-sqlite3), opened for safe sharing between processes:
 * WAL journal (readers never wait for the writer), `synchronous = FULL` (a commit is fsynced
 * before it returns, so it survives power loss, not only a killed process), and no busy
 * timeout. better-sqlite3 waits for a busy database synchronously, which would stall the event
 * loop for as long as another process writes; `write` and `read` instead retry on SQLITE_BUSY
 * after an asynchronous pause.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { StoreError } from './store-error.js';

/** The database file inside the store's directory. */
export const DATABASE_FILE = 'brokergen.sqlite';

/** How long `write` and `read` keep retrying a busy database before they give up. */
const BUSY_DEADLINE_MS = 30_000;

/** The open SQLite file, with busy retries that never block the event loop. */
export interface EmbeddedDatabase {
  /** A prepared statement, cached by its text. */
  prepare(sql: string): Statement<unknown[], Record<string, unknown>>;
  /** Runs statements without results (DDL, pragmas). */
  exec(sql: string): void;
  /** Runs `change` in BEGIN IMMEDIATE ... COMMIT (rolled back if it throws). */
  write<T>(change: () => T): Promise<T>;
  /** Runs `look` outside any transaction: each statement sees the latest commit. */
  read<T>(look: () => T): Promise<T>;
  close(): void;
}

/**
 * Opens (creating) `directory/brokergen.sqlite`; throws StoreError OSB_STORE_INVALID_OPTIONS
 * when the directory is empty or cannot be created.
 */
export function openEmbeddedDatabase(directory: string): EmbeddedDatabase {
  if (!directory) {
    throw new StoreError('OSB_STORE_INVALID_OPTIONS', 'createEmbeddedStore: directory is empty');
  }
  try {
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    throw new StoreError(
      'OSB_STORE_INVALID_OPTIONS',
      `createEmbeddedStore: cannot create directory '${directory}'`,
      { cause: error },
    );
  }
  const db = new Database(join(directory, DATABASE_FILE), { timeout: 0 });
  const statements = new Map<string, Statement<unknown[], Record<string, unknown>>>();
  return {
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = db.prepare<unknown[], Record<string, unknown>>(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
    exec: (sql) => void db.exec(sql),
    write: (change) => retryWhileBusy(() => db.transaction(change).immediate()),
    read: (look) => retryWhileBusy(look),
    close: () => db.close(),
  };
}

/** Sets the journal and durability modes; both persist or are per connection, so once per open. */
export async function configureEmbeddedDatabase(database: EmbeddedDatabase): Promise<void> {
  // Switching to WAL needs a moment without other writers, so it too may meet SQLITE_BUSY.
  await database.read(() => database.exec('PRAGMA journal_mode = WAL'));
  await database.read(() => database.exec('PRAGMA synchronous = FULL'));
}

async function retryWhileBusy<T>(attempt: () => T): Promise<T> {
  const deadline = Date.now() + BUSY_DEADLINE_MS;
  let pauseMs = 1;
  for (;;) {
    try {
      return attempt();
    } catch (error) {
      if (!isBusy(error) || Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    pauseMs = Math.min(pauseMs * 2, 20);
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED');
}
