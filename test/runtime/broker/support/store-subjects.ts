import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { MemoryStore } from '../../../../src/runtime/broker/index.js';
import type { Store } from '../../../../src/runtime/broker/index.js';
import { DATABASE_FILE } from '../../../../src/runtime/broker/store/embedded-database.js';
import { createEmbeddedStore } from '../../../../src/runtime/broker/store/embedded-store.js';
import { createPostgresStore } from '../../../../src/runtime/broker/store/postgres-store.js';
import {
  BINDINGS,
  INSTANCES,
  OPERATIONS,
} from '../../../../src/runtime/broker/store/record-columns.js';
import {
  checkPostgresAvailability,
  startPostgresServer,
} from '../../../helpers/postgres-server.js';
import type { PostgresServer } from '../../../helpers/postgres-server.js';

/** The stores the broker conformance suite runs against. */
export const STORE_KINDS = ['memory', 'embedded', 'PostgreSQL'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/**
 * One store kind for the tests of one file. A durable store is opened once per file (opening
 * migrates, which is most of its cost) and emptied after each test, rather than created afresh
 * for every test: the tests never see each other's records, and the file pays one open.
 */
export interface StoreSubject {
  kind: StoreKind;
  /** Whether to run this kind here; `skip` carries the reason, said once. */
  availability: { state: 'available' } | { state: 'skip' | 'fail'; reason: string };
  /** Before the file's tests: starts what the store needs (a PostgreSQL server) and opens it. */
  setUp(): Promise<void>;
  /** The current test's store: the same one for every call within a test. */
  store(): Promise<Store>;
  /** After each test, once every broker using the store has closed: forgets its records. */
  empty(): Promise<void>;
  /** After the file's tests: closes the store and removes what it kept. */
  tearDown(): Promise<void>;
}

const TABLES = [OPERATIONS.name, BINDINGS.name, INSTANCES.name, 'brokergen_instance_locks'];

/** A subject for `kind`. */
export function createStoreSubject(kind: StoreKind): StoreSubject {
  switch (kind) {
    case 'memory':
      return createMemorySubject();
    case 'embedded':
      return createEmbeddedSubject();
    case 'PostgreSQL':
      return createPostgresSubject();
  }
}

function createMemorySubject(): StoreSubject {
  let store: MemoryStore | undefined;
  return {
    kind: 'memory',
    availability: { state: 'available' },
    setUp: async () => undefined,
    store: async () => (store ??= new MemoryStore()),
    async empty() {
      store = undefined;
    },
    tearDown: async () => undefined,
  };
}

function createEmbeddedSubject(): StoreSubject {
  let directory: string | undefined;
  let store: Store | undefined;
  let database: Database.Database | undefined;
  return {
    kind: 'embedded',
    availability: { state: 'available' },
    async setUp() {
      directory = await mkdtemp(join(tmpdir(), 'brokergen-conformance-'));
      store = await createEmbeddedStore({ directory });
      // A second connection to the same file, as another process would have, to empty it.
      database = new Database(join(directory, DATABASE_FILE));
    },
    store: async () => required(store, 'embedded'),
    async empty() {
      const db = required(database, 'embedded');
      db.transaction(() => {
        for (const table of TABLES) db.prepare(`DELETE FROM ${table}`).run();
      }).immediate();
    },
    async tearDown() {
      database?.close();
      await store?.close();
      if (directory !== undefined) await rm(directory, { recursive: true, force: true });
    },
  };
}

function createPostgresSubject(): StoreSubject {
  const availability = checkPostgresAvailability();
  let server: PostgresServer | undefined;
  let admin: pg.Pool | undefined;
  let store: Store | undefined;
  return {
    kind: 'PostgreSQL',
    availability: availability.state === 'available' ? { state: 'available' } : availability,
    async setUp() {
      // Under CI=true without the binaries this throws the install hint, failing every test.
      server = await startPostgresServer();
      // A schema of its own, so that nothing else in the server's database is in the way.
      const schema = `conformance_${randomUUID().replaceAll('-', '')}`;
      const url = new URL(server.connectionString);
      url.searchParams.set('options', `-c search_path=${schema}`);
      admin = new pg.Pool({ connectionString: url.toString(), max: 1 });
      await admin.query(`CREATE SCHEMA ${schema}`);
      store = await createPostgresStore({ connectionString: url.toString() });
    },
    store: async () => required(store, 'PostgreSQL'),
    async empty() {
      await required(admin, 'PostgreSQL').query(`TRUNCATE ${TABLES.join(', ')}`);
    },
    async tearDown() {
      await store?.close();
      await admin?.end();
      await server?.stop();
    },
  };
}

function required<T>(value: T | undefined, kind: StoreKind): T {
  if (value === undefined) throw new Error(`the ${kind} store is not set up`);
  return value;
}
