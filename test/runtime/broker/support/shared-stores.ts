import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DATABASE_FILE } from '../../../../src/runtime/broker/store/embedded-database.js';
import {
  checkPostgresAvailability,
  startPostgresServer,
} from '../../../helpers/postgres-server.js';
import type { PostgresServer } from '../../../helpers/postgres-server.js';
import type { BrokerChildTask } from './broker-child.js';
import type { StoreSubject } from './store-subjects.js';

/** The durable stores several broker processes can share. */
export type SharedStoreKind = 'embedded' | 'PostgreSQL';

/** An operation as the store holds it, read behind the brokers' backs. */
export interface StoredOperation {
  instance_id: string;
  operation_id: string;
  type: string;
  state: string;
}

/** One fresh store for the processes of one test, and a look inside it. */
export interface SharedStoreLocation {
  /** Where a broker process opens it. */
  task: BrokerChildTask['store'];
  /** How many rows the table of instances, bindings or operations holds. */
  count(table: 'instances' | 'bindings' | 'operations'): Promise<number>;
  /** Every operation, oldest first. */
  operations(): Promise<StoredOperation[]>;
}

/** Fresh locations of one store kind: a directory each, or a PostgreSQL schema each. */
export interface SharedStores {
  kind: SharedStoreKind;
  availability: StoreSubject['availability'];
  /** Starts what the kind needs, once per file: a PostgreSQL server. */
  setUp(): Promise<void>;
  create(): Promise<SharedStoreLocation>;
  /** Removes every location created so far; call once their processes are gone. */
  disposeAll(): Promise<void>;
  tearDown(): Promise<void>;
}

const OPERATIONS_SQL =
  'SELECT instance_id, operation_id, type, state FROM brokergen_operations ORDER BY seq';

/** Locations of `kind`. */
export function createSharedStores(kind: SharedStoreKind): SharedStores {
  return kind === 'embedded' ? createEmbeddedLocations() : createPostgresLocations();
}

function createEmbeddedLocations(): SharedStores {
  const directories: string[] = [];
  const read = <T>(directory: string, look: (db: Database.Database) => T): T => {
    const db = new Database(join(directory, DATABASE_FILE), { readonly: true });
    try {
      return look(db);
    } finally {
      db.close();
    }
  };
  return {
    kind: 'embedded',
    availability: { state: 'available' },
    setUp: async () => undefined,
    async create() {
      const directory = await mkdtemp(join(tmpdir(), 'brokergen-shared-'));
      directories.push(directory);
      return {
        task: { kind: 'embedded', directory },
        count: async (table) =>
          read(directory, (db) => {
            const row = db.prepare(`SELECT count(*) AS n FROM brokergen_${table}`).get();
            return Number((row as { n: number }).n);
          }),
        operations: async () =>
          read(directory, (db) => db.prepare(OPERATIONS_SQL).all() as StoredOperation[]),
      };
    },
    async disposeAll() {
      for (const directory of directories.splice(0)) {
        await rm(directory, { recursive: true, force: true });
      }
    },
    tearDown: async () => undefined,
  };
}

function createPostgresLocations(): SharedStores {
  const availability = checkPostgresAvailability();
  let server: PostgresServer | undefined;
  let admin: pg.Pool | undefined;
  const schemas: string[] = [];
  const connected = (): pg.Pool => {
    if (admin === undefined) throw new Error('the PostgreSQL server is not set up');
    return admin;
  };
  return {
    kind: 'PostgreSQL',
    availability: availability.state === 'available' ? { state: 'available' } : availability,
    async setUp() {
      // Under CI=true without the binaries this throws the install hint, failing every test.
      server = await startPostgresServer();
      admin = new pg.Pool({ connectionString: server.connectionString, max: 2 });
    },
    async create() {
      const schema = `shared_${randomUUID().replaceAll('-', '')}`;
      await connected().query(`CREATE SCHEMA ${schema}`);
      schemas.push(schema);
      const url = new URL(server?.connectionString ?? '');
      url.searchParams.set('options', `-c search_path=${schema}`);
      return {
        task: { kind: 'postgres', connectionString: url.toString() },
        async count(table) {
          const { rows } = await connected().query<{ n: number }>(
            `SELECT count(*)::int AS n FROM ${schema}.brokergen_${table}`,
          );
          return rows[0]?.n ?? 0;
        },
        async operations() {
          const { rows } = await connected().query<StoredOperation>(
            OPERATIONS_SQL.replace('brokergen_operations', `${schema}.brokergen_operations`),
          );
          return rows;
        },
      };
    },
    async disposeAll() {
      for (const schema of schemas.splice(0)) {
        await connected().query(`DROP SCHEMA ${schema} CASCADE`);
      }
    },
    async tearDown() {
      await admin?.end();
      await server?.stop();
    },
  };
}
