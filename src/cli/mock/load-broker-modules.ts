import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrokergenError } from '../../errors.js';
import type { BrokerCatalog } from '../../runtime/broker/index.js';
import type { MockApiRoutes } from '../../runtime/mock-broker/index.js';
import type { ModuleText } from './transpile-typescript.js';

/** The mock's services and server, from the runtime copy (`src/runtime/mock-broker/`). */
type MockBrokerModule = typeof import('../../runtime/mock-broker/index.js');

/** The generated broker's modules the mock runs, loaded from a temporary directory. */
export interface BrokerModules {
  apiRoutes: MockApiRoutes;
  catalog: BrokerCatalog;
  /** One instance of each handler class under `handlers/`. */
  handlerGroups: object[];
  mockBroker: MockBrokerModule;
  /** Deletes the temporary directory; the loaded modules keep working. */
  remove(): Promise<void>;
}

/**
 * Writes JavaScript modules into a new temporary directory and imports the broker's from there.
 * The directory gets a `node_modules` link to the folder brokergen's own `fastify` is installed
 * in (brokergen's, or the project's when npm hoisted it), so that the modules' bare imports and
 * the runtime's `createRequire(...).resolve('fastify')` find the very packages brokergen runs
 * with, from a clone or an installed package alike.
 * @throws BrokergenError BG_MOCK_LOAD when the directory cannot be written or a module fails
 *   to load
 */
export async function loadBrokerModules(modules: readonly ModuleText[]): Promise<BrokerModules> {
  const dir = await mkdtemp(join(tmpdir(), 'brokergen-mock-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    // A junction on Windows needs no privilege; elsewhere the type is ignored.
    await symlink(findPackagesDir(), join(dir, 'node_modules'), 'junction');
    await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    const folders = new Set(modules.map((module) => dirname(join(dir, module.path))));
    await Promise.all([...folders].map((folder) => mkdir(folder, { recursive: true })));
    await Promise.all(modules.map((module) => writeFile(join(dir, module.path), module.text)));

    const load = <T>(path: string) => import(pathToFileURL(join(dir, path)).href) as Promise<T>;
    const groupFiles = modules
      .map((module) => module.path)
      .filter((path) => path.startsWith('handlers/'));
    const [routes, catalog, mockBroker, groups] = await Promise.all([
      load<{ apiRoutes: MockApiRoutes }>('server/routes.js'),
      load<{ catalog: BrokerCatalog }>('server/catalog.js'),
      load<MockBrokerModule>('server/runtime/mock-broker/index.js'),
      Promise.all(groupFiles.map((path) => load<Record<string, unknown>>(path))),
    ]);
    return {
      apiRoutes: routes.apiRoutes,
      catalog: catalog.catalog,
      handlerGroups: groups.flatMap(instantiateClasses),
      mockBroker,
      remove,
    };
  } catch (cause) {
    await remove();
    if (cause instanceof BrokergenError) throw cause;
    throw new BrokergenError('BG_MOCK_LOAD', 'The generated broker could not be loaded', {
      hint: cause instanceof Error ? cause.message : String(cause),
      cause,
    });
  }
}

/** A handler module exports its class; each answers 501 until its author fills it in. */
function instantiateClasses(module: Record<string, unknown>): object[] {
  return Object.values(module)
    .filter((value): value is new () => object => typeof value === 'function')
    .map((HandlerClass) => new HandlerClass());
}

/**
 * The `node_modules` folder holding the `fastify` brokergen resolves.
 * @throws BrokergenError BG_MOCK_LOAD when there is none (brokergen is installed incompletely)
 */
function findPackagesDir(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('fastify'));
  while (basename(dir) !== 'node_modules') {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new BrokergenError(
        'BG_MOCK_LOAD',
        'fastify is not installed in a node_modules folder',
        {
          hint: 'brokergen is installed incompletely; reinstall it.',
        },
      );
    }
    dir = parent;
  }
  return dir;
}
