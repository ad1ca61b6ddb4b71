import { cp, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import openapiTS, { astToString } from 'openapi-typescript';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { generateProject } from '../../../helpers/generated-project.js';
import type { GeneratedProject } from '../../../helpers/generated-project.js';
import { createBrokerHandlers, MemoryStore } from '../../../../src/runtime/broker/index.js';
import type {
  BrokerCatalog,
  BrokerHandlersOptions,
  BrokerLifecycle,
  BrokerServices,
  Store,
} from '../../../../src/runtime/broker/index.js';

/**
 * The server generated for the curated OSB spec, compiled once per test file, serving handlers
 * built by createBrokerHandlers from the source tree over real HTTP on 127.0.0.1.
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
 * Generates and compiles the server; with `typeCheckHandlers`, the project also holds the
 * broker runtime and a file assigning `createBrokerHandlers(...)` to the generated `Handlers`.
 */
export async function generateBroker(
  options: { typeCheckHandlers?: boolean } = {},
): Promise<GeneratedBroker> {
  const project = await generateProject('spec/open-service-broker.yaml', ['server']);
  if (options.typeCheckHandlers === true) {
    await writeFile(join(project.dir, 'types.ts'), await renderTypesWithOptionalDefaults());
    await cp(join(REPO, 'src/runtime/broker'), join(project.dir, 'server/runtime/broker'), {
      recursive: true,
      // The durable stores have their own dependencies and tests.
      filter: (source) => !/[\\/]broker[\\/]store([\\/]|$)/.test(source),
    });
    await writeFile(join(project.dir, 'handlers-type-check.ts'), HANDLERS_TYPE_CHECK);
  }
  const compileOutput = await project.compile();
  const { apiRoutes } = await project.load<{ apiRoutes: ApiRoutes }>('server/routes');
  const { createBrokerServerOptions } = await project.load<{
    createBrokerServerOptions: GeneratedBroker['createBrokerServerOptions'];
  }>('server/runtime/index');
  return { project, compileOutput, apiRoutes, createBrokerServerOptions };
}

/** A schema compiler: from a route's schema and where it applies to a function. */
type Compiler = (route: Record<string, unknown>) => unknown;
type CompilerFactory = (externalSchemas: unknown, options: unknown) => Compiler;

/**
 * Fastify's own compilers (Ajv, fast-json-stringify), remembering what they compiled across
 * the servers of a test file. Every test starts its own server, and compiling the generated
 * routes' schemas is most of that start (about 250 ms of 300); each server's schemas are the
 * same, so the compiled functions are too.
 */
function createCachedCompilers(): NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
> {
  const require = createRequire(import.meta.url);
  const selectValidator = require('@fastify/ajv-compiler') as () => CompilerFactory;
  const selectSerializer =
    require('@fastify/fast-json-stringify-compiler') as () => CompilerFactory;
  const cached = (factory: CompilerFactory): CompilerFactory => {
    const compiled = new Map<string, unknown>();
    return (externalSchemas, options) => {
      const compile = factory(externalSchemas, options);
      return (route) => {
        const key = JSON.stringify([
          externalSchemas,
          options,
          route['httpPart'],
          route['httpStatus'],
          route['contentType'],
          route['schema'],
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

export const CREDENTIALS = { username: 'platform', password: 'secret' };
const AUTHORIZATION = `Basic ${Buffer.from('platform:secret').toString('base64')}`;

/** A running broker and what a test needs to talk to it. */
export interface RunningBroker {
  url: string;
  store: Store;
  handlers: ReturnType<typeof createBrokerHandlers> & BrokerLifecycle;
  /** Log lines at warn level and above, as `{ msg, err }`. */
  logs: { level: number; msg: string; err?: { message?: string } }[];
  fetch(path: string, init?: RequestInit & { version?: string }): Promise<Response>;
}

/** Starts brokers and closes them all from `afterEach`. */
export function createBrokerPool(generated: () => GeneratedBroker) {
  const compilersFactory = createCachedCompilers();
  const running: { app: FastifyInstance; close(): Promise<void> }[] = [];
  return {
    async start(
      options: Partial<BrokerHandlersOptions> & {
        services: BrokerServices;
        catalog: BrokerCatalog;
      },
    ): Promise<RunningBroker> {
      const { apiRoutes, createBrokerServerOptions } = generated();
      const store = options.store ?? new MemoryStore();
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
        fetch(path, init = {}) {
          const { version = '2.17', headers, ...rest } = init;
          return fetch(`${url}${path}`, {
            ...rest,
            headers: {
              authorization: AUTHORIZATION,
              'x-broker-api-version': version,
              ...(rest.body === undefined ? {} : { 'content-type': 'application/json' }),
              ...(headers as Record<string, string> | undefined),
            },
          });
        },
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
