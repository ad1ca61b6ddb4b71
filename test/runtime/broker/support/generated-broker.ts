import { cp, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import openapiTS, { astToString } from 'openapi-typescript';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { generateProject } from '../../../helpers/generated-project.js';
import type { GeneratedProject } from '../../../helpers/generated-project.js';
import { createBrokerHandlers } from '../../../../src/runtime/broker/index.js';
import type {
  BrokerCatalog,
  BrokerHandlersOptions,
  BrokerLifecycle,
  BrokerServices,
  Store,
} from '../../../../src/runtime/broker/index.js';
import { createBrokerFetch, CREDENTIALS } from './fixtures.js';
import type { BrokerRequestInit } from './fixtures.js';
import { getCachedProject } from './project-cache.js';
import { createStoreSubject, STORE_KINDS } from './store-subjects.js';
import type { StoreSubject } from './store-subjects.js';

/**
 * The server generated for the curated OSB spec, compiled once for the test files of a run,
 * serving handlers built by createBrokerHandlers from the source tree over real HTTP on
 * 127.0.0.1, with a store of each kind.
 */
type ApiRoutes = (app: FastifyInstance, options: Record<string, unknown>) => Promise<void>;

export interface GeneratedBroker {
  project: GeneratedProject;
  /** tsc's output for the project, including the type check of the broker runtime copy. */
  compileOutput: string;
  apiRoutes: ApiRoutes;
  createBrokerServerOptions: (options?: FastifyServerOptions) => FastifyServerOptions;
}

const REPO = resolve(import.meta.dirname, '../../../..');

/**
 * A project type-checking that `createBrokerHandlers` satisfies the generated `Handlers`: the
 * broker runtime is copied where generated projects will hold it.
 */
const HANDLERS_TYPE_CHECK = `
import type { Handlers } from './server/handlers.js';
import { createBrokerHandlers, MemoryStore } from './server/runtime/broker/index.js';

export const handlers: Handlers = createBrokerHandlers({
  catalog: { services: [] },
  store: new MemoryStore(),
  services: {
    async provision() {
      return {};
    },
    async deprovision() {},
  },
  recoverOperations: false,
});
`;

/**
 * The generated `types.ts` as openapi-typescript writes it with `defaultNonNullable: false`.
 * The types target uses the default (true), which makes every property with a `default`
 * required in reply types (`Error.instance_usable`, `Plan.free`, `Service.plan_updateable`...),
 * although the specification makes them optional and forbids `instance_usable` on most
 * errors; no correct handler can satisfy those types until the target passes false.
 */
async function renderTypesWithOptionalDefaults(): Promise<string> {
  const spec = pathToFileURL(join(REPO, 'spec/open-service-broker.yaml'));
  return astToString(await openapiTS(spec, { silent: true, defaultNonNullable: false }));
}

/**
 * The server generated for the curated spec, compiled, with the broker runtime copied where
 * generated projects hold it and a file assigning `createBrokerHandlers(...)` to the generated
 * `Handlers`, so that the compilation also type-checks the runtime against the routes. Built
 * once for all the test files of a run (`project-cache.ts`); `project.remove()` leaves it.
 */
export async function generateBroker(): Promise<GeneratedBroker> {
  const cached = await getCachedProject('broker with handler type check', async () => {
    const project = await generateProject('spec/open-service-broker.yaml', ['server']);
    await writeFile(join(project.dir, 'types.ts'), await renderTypesWithOptionalDefaults());
    await cp(join(REPO, 'src/runtime/broker'), join(project.dir, 'server/runtime/broker'), {
      recursive: true,
      // The durable stores have their own dependencies and tests.
      filter: (source) => !/[\\/]broker[\\/]store([\\/]|$)/.test(source),
    });
    await writeFile(join(project.dir, 'handlers-type-check.ts'), HANDLERS_TYPE_CHECK);
    return { dir: project.dir, compileOutput: await project.compile() };
  });
  const project: GeneratedProject = {
    dir: cached.dir,
    compile: async () => cached.compileOutput,
    load: async <T>(module: string) =>
      (await import(pathToFileURL(join(cached.dir, 'dist', `${module}.js`)).href)) as T,
    remove: async () => undefined,
  };
  const { apiRoutes } = await project.load<{ apiRoutes: ApiRoutes }>('server/routes');
  const { createBrokerServerOptions } = await project.load<{
    createBrokerServerOptions: GeneratedBroker['createBrokerServerOptions'];
  }>('server/runtime/index');
  return { project, compileOutput: cached.compileOutput, apiRoutes, createBrokerServerOptions };
}

/** A schema compiler: from a route's schema and where it applies to a function. */
type Compiler = (route: Record<string, unknown>) => unknown;
type CompilerFactory = (externalSchemas: unknown, options: unknown) => Compiler;

/**
 * Fastify's own compilers (Ajv, fast-json-stringify), remembering what they compiled across
 * the servers of a test file. Every test starts its own server, and compiling the generated
 * routes' schemas is most of that start; each server's schemas are the same, so the compiled
 * functions are too. A route's schema is known by its route and part: serialising the schemas
 * into the key instead costs 35-45 ms a server (half of a start), since Fastify hands over
 * fresh copies each time. A schema a handler compiles (`request.compileValidationSchema`, with
 * the request's route but no part of it) is known by its text.
 */
function createCachedCompilers(): NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
> {
  const require = createRequire(import.meta.url);
  const selectValidator = require('@fastify/ajv-compiler') as () => CompilerFactory;
  const selectSerializer =
    require('@fastify/fast-json-stringify-compiler') as () => CompilerFactory;
  const routeParts = new Set(['body', 'querystring', 'params', 'headers']);
  const cached = (factory: CompilerFactory): CompilerFactory => {
    const compiled = new Map<string, unknown>();
    return (externalSchemas, options) => {
      const compile = factory(externalSchemas, options);
      const compiler = JSON.stringify([externalSchemas, options]);
      return (route) => {
        const ofRoute =
          routeParts.has(String(route['httpPart'])) || route['httpStatus'] !== undefined;
        const key = JSON.stringify([
          compiler,
          route['method'],
          route['url'],
          route['httpPart'],
          route['httpStatus'],
          route['contentType'],
          ofRoute ? null : route['schema'],
        ]);
        if (!compiled.has(key)) compiled.set(key, compile(route));
        return compiled.get(key);
      };
    };
  };
  // Fastify's factory types come from its compiler packages; these wrappers keep their shape.
  return {
    buildValidator: cached(selectValidator()) as never,
    buildSerializer: cached(selectSerializer()) as never,
  };
}

/** A running broker and what a test needs to talk to it. */
export interface RunningBroker {
  url: string;
  store: Store;
  handlers: ReturnType<typeof createBrokerHandlers> & BrokerLifecycle;
  /** Log lines at warn level and above, as `{ msg, err }`. */
  logs: { level: number; msg: string; err?: { message?: string } }[];
  fetch(path: string, init?: BrokerRequestInit): Promise<Response>;
}

/** Starts brokers on the test's store and closes them all from `afterEach`. */
export interface BrokerPool {
  /** The current test's store, which `start` uses unless given another. */
  store(): Promise<Store>;
  start(
    options: Partial<BrokerHandlersOptions> & {
      services: BrokerServices;
      catalog: BrokerCatalog;
    },
  ): Promise<RunningBroker>;
  closeAll(): Promise<void>;
}

/**
 * Defines `define`'s tests once per store kind (memory, embedded, PostgreSQL), each in a
 * `with the <kind> store` block whose brokers use a store of that kind. PostgreSQL runs are
 * left out, with a warning, where its binaries are missing; under CI=true they fail instead.
 */
export function describeWithEachStore(
  generated: () => GeneratedBroker,
  define: (brokers: BrokerPool) => void,
): void {
  for (const kind of STORE_KINDS) {
    const subject = createStoreSubject(kind);
    const { availability } = subject;
    if (availability.state === 'skip') console.warn(availability.reason);
    describe.skipIf(availability.state === 'skip')(`with the ${kind} store`, () => {
      const brokers = createBrokerPool(generated, subject);
      beforeAll(() => subject.setUp(), 120_000);
      afterEach(async () => {
        await brokers.closeAll();
        await subject.empty();
      });
      afterAll(() => subject.tearDown());
      define(brokers);
    });
  }
}

/** Starts brokers on `subject`'s store; `closeAll` closes them. */
function createBrokerPool(generated: () => GeneratedBroker, subject: StoreSubject): BrokerPool {
  const compilersFactory = createCachedCompilers();
  const running: { app: FastifyInstance; close(): Promise<void> }[] = [];
  return {
    store: () => subject.store(),
    async start(
      options: Partial<BrokerHandlersOptions> & {
        services: BrokerServices;
        catalog: BrokerCatalog;
      },
    ): Promise<RunningBroker> {
      const { apiRoutes, createBrokerServerOptions } = generated();
      const store = options.store ?? (await subject.store());
      const logs: RunningBroker['logs'] = [];
      const handlers = createBrokerHandlers({
        ...options,
        store,
        logger: options.logger ?? {
          error: (details, msg) => logs.push({ level: 50, msg, ...details }),
          warn: (details, msg) => logs.push({ level: 40, msg, ...details }),
          info: () => undefined,
        },
      });
      const app = Fastify(
        createBrokerServerOptions({
          schemaController: { compilersFactory },
          logger: {
            level: 'warn',
            stream: {
              write: (line: string) => {
                logs.push(JSON.parse(line) as RunningBroker['logs'][number]);
              },
            },
          },
        }),
      );
      running.push({ app, close: () => handlers.close() });
      await app.register(apiRoutes, { handlers, authentication: { basic: CREDENTIALS } });
      await app.listen({ host: '127.0.0.1', port: 0 });
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      return {
        url,
        store,
        handlers,
        logs,
        fetch: createBrokerFetch(url),
      };
    },
    async closeAll() {
      const closing = running.splice(0);
      await Promise.all(
        closing.map(async ({ app, close }) => {
          await close();
          await app.close();
        }),
      );
    },
  };
}
