import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../../../src/runtime/broker/store.js';
import { DATABASE_FILE } from '../../../../src/runtime/broker/store/embedded-database.js';
import { EMBEDDED_MIGRATIONS } from '../../../../src/runtime/broker/store/embedded-schema.js';
import { createEmbeddedStore } from '../../../../src/runtime/broker/store/embedded-store.js';
import { instanceRecord } from './records.js';
import { defineStoreContract } from './store-contract.js';
import { defineProcessTests } from './store-processes.js';

/** A fresh directory, and a way to remove it with every store opened on it. */
async function freshDirectory() {
  const directory = await mkdtemp(join(tmpdir(), 'brokergen-embedded-'));
  const stores: Store[] = [];
  return {
    directory,
    async open() {
      const store = await createEmbeddedStore({ directory });
      stores.push(store);
      return store;
    },
    async dispose() {
      for (const store of stores) await store.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

defineStoreContract('embedded', {
  durable: true,
  claimSkipsHeldInstances: true,
  refusesMisuse: true,
  async open() {
    const location = await freshDirectory();
    return { store: await location.open(), reopen: location.open, dispose: location.dispose };
  },
});

defineProcessTests('embedded', {
  async create() {
    const location = await freshDirectory();
    return {
      task: { kind: 'embedded', directory: location.directory },
      open: location.open,
      dispose: location.dispose,
    };
  },
});

describe('createEmbeddedStore', () => {
  it('records the schema version it migrated to', async () => {
    const location = await freshDirectory();
    try {
      await location.open();
      const db = new Database(join(location.directory, DATABASE_FILE), { readonly: true });
      const versions = db.prepare('SELECT version FROM brokergen_schema_version').all();
      db.close();
      expect(versions).toEqual(EMBEDDED_MIGRATIONS.map((_, index) => ({ version: index + 1 })));
    } finally {
      await location.dispose();
    }
  });

  it('refuses a file migrated by a newer brokergen with OSB_STORE_SCHEMA_TOO_NEW', async () => {
    const location = await freshDirectory();
    try {
      await (await location.open()).close();
      const db = new Database(join(location.directory, DATABASE_FILE));
      db.prepare('INSERT INTO brokergen_schema_version VALUES (?, 0)').run(
        EMBEDDED_MIGRATIONS.length + 1,
      );
      db.close();
      await expect(location.open()).rejects.toMatchObject({ code: 'OSB_STORE_SCHEMA_TOO_NEW' });
    } finally {
      await location.dispose();
    }
  });

  it('refuses an empty directory option with OSB_STORE_INVALID_OPTIONS', async () => {
    await expect(createEmbeddedStore({ directory: '' })).rejects.toMatchObject({
      code: 'OSB_STORE_INVALID_OPTIONS',
    });
  });

  it('lets two stores on one directory serialise calls for one instance', async () => {
    const location = await freshDirectory();
    try {
      const [first, second] = [await location.open(), await location.open()];
      const increment = (store: Store) =>
        store.withInstance('i-1', async (tx) => {
          const counter = Number((await tx.getInstance())?.metadata?.counter ?? 0);
          await new Promise((resolve) => setImmediate(resolve));
          await tx.putInstance(instanceRecord('i-1', { metadata: { counter: counter + 1 } }));
        });
      await Promise.all(Array.from({ length: 20 }, (_, i) => increment(i % 2 ? first : second)));
      const instance = await first.withInstance('i-1', (tx) => tx.getInstance());
      expect(instance?.metadata?.counter).toBe(20);
    } finally {
      await location.dispose();
    }
  });
});
