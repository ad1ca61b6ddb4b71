import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../../src/runtime/broker/store.js';
import { POSTGRES_MIGRATIONS } from '../../../../src/runtime/broker/store/postgres-schema.js';
import { createPostgresStore } from '../../../../src/runtime/broker/store/postgres-store.js';
import {
  checkPostgresAvailability,
  startPostgresServer,
} from '../../../helpers/postgres-server.js';
import type { PostgresServer } from '../../../helpers/postgres-server.js';
import { defineStoreContract } from './store-contract.js';
import { defineProcessTests } from './store-processes.js';

const availability = checkPostgresAvailability();
if (availability.state === 'skip') console.warn(availability.reason);

describe.skipIf(availability.state === 'skip')('with a throwaway PostgreSQL server', () => {
  let server: PostgresServer | undefined;
  let admin: pg.Pool;

  beforeAll(async () => {
    // Under CI=true without the binaries this throws the install hint, failing every test.
    server = await startPostgresServer();
    admin = new pg.Pool({ connectionString: server.connectionString, max: 2 });
  });

  afterAll(async () => {
    await admin?.end();
    await server?.stop();
  });

  /** A fresh schema, and a connection string whose search_path points at it. */
  async function freshSchema() {
    const schema = `test_${randomUUID().replaceAll('-', '')}`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    const url = new URL(server?.connectionString ?? '');
    url.searchParams.set('options', `-c search_path=${schema}`);
    const connectionString = url.toString();
    const stores: Store[] = [];
    return {
      schema,
      connectionString,
      async open() {
        const store = await createPostgresStore({ connectionString });
        stores.push(store);
        return store;
      },
      async dispose() {
        for (const store of stores) await store.close();
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      },
    };
  }

  defineStoreContract('PostgreSQL', {
    durable: true,
    claimSkipsHeldInstances: true,
    refusesMisuse: true,
    async open() {
      const location = await freshSchema();
      return { store: await location.open(), reopen: location.open, dispose: location.dispose };
    },
  });

  defineProcessTests('PostgreSQL', {
    async create() {
      const location = await freshSchema();
      return {
        task: { kind: 'postgres', connectionString: location.connectionString },
        open: location.open,
        dispose: location.dispose,
      };
    },
  });

  describe('createPostgresStore', () => {
    it('records the schema version it migrated to', async () => {
      const location = await freshSchema();
      try {
        await location.open();
        const { rows } = await admin.query(
          `SELECT version FROM ${location.schema}.brokergen_schema_version ORDER BY version`,
        );
        expect(rows).toEqual(POSTGRES_MIGRATIONS.map((_, index) => ({ version: index + 1 })));
      } finally {
        await location.dispose();
      }
    });

    it('migrates once when replicas open the same database together', async () => {
      const location = await freshSchema();
      try {
        await Promise.all([location.open(), location.open(), location.open()]);
        const { rows } = await admin.query(
          `SELECT count(*)::int AS n FROM ${location.schema}.brokergen_schema_version`,
        );
        expect(rows).toEqual([{ n: POSTGRES_MIGRATIONS.length }]);
      } finally {
        await location.dispose();
      }
    });

    it('refuses a database migrated by a newer brokergen with OSB_STORE_SCHEMA_TOO_NEW', async () => {
      const location = await freshSchema();
      try {
        await location.open();
        await admin.query(
          `INSERT INTO ${location.schema}.brokergen_schema_version (version) VALUES ($1)`,
          [POSTGRES_MIGRATIONS.length + 1],
        );
        await expect(location.open()).rejects.toMatchObject({ code: 'OSB_STORE_SCHEMA_TOO_NEW' });
      } finally {
        await location.dispose();
      }
    });

    it('keeps JSON columns as jsonb', async () => {
      const location = await freshSchema();
      try {
        await location.open();
        const { rows } = await admin.query(
          `SELECT table_name, column_name FROM information_schema.columns
           WHERE table_schema = $1 AND data_type = 'jsonb' ORDER BY table_name, column_name`,
          [location.schema],
        );
        expect(rows.map((row) => `${row.table_name}.${row.column_name}`)).toEqual([
          'brokergen_bindings.context',
          'brokergen_bindings.parameters',
          'brokergen_bindings.response',
          'brokergen_instances.context',
          'brokergen_instances.maintenance_info',
          'brokergen_instances.metadata',
          'brokergen_instances.parameters',
          'brokergen_operations.payload',
        ]);
      } finally {
        await location.dispose();
      }
    });

    it('rolls back and rejects with OSB_STORE_COMMIT_FAILED when work swallowed a failed statement', async () => {
      const location = await freshSchema();
      try {
        const store = await location.open();
        const attempt = store.withInstance('i-1', async (tx) => {
          await tx.putInstance({ instanceId: 'i-1' } as never).catch(() => undefined);
        });
        await expect(attempt).rejects.toMatchObject({ code: 'OSB_STORE_COMMIT_FAILED' });
      } finally {
        await location.dispose();
      }
    });
  });
});
