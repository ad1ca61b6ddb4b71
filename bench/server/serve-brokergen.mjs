/**
 * The generated broker, compiled into `<project>/dist`, serving the bench catalog from an
 * in-memory store on 127.0.0.1. It starts through the generated `server.ts` (`buildServer`)
 * when the project has one that takes a store; older generated projects had handler stubs
 * instead, and are assembled the way test/runtime/broker/support/generated-broker.ts does:
 * the generated routes, the protocol layer's server options and `createBrokerHandlers`.
 *
 * Usage: node serve-brokergen.mjs <project dir>
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { announce, CATALOG, CREDENTIALS } from './bench-broker.mjs';

const project = process.argv[2];
if (project === undefined) throw new Error('usage: serve-brokergen.mjs <project dir>');
const dist = join(project, 'dist');

/**
 * @param {string} module path under dist/, without extension
 * @returns {Promise<any>}
 */
const load = (module) => import(pathToFileURL(join(dist, `${module}.js`)).href);

const { MemoryStore, createBrokerHandlers } = await load('server/runtime/broker/index');
const authentication = { basic: CREDENTIALS };
const services = { provision: async () => ({}), deprovision: async () => undefined };

/** @type {import('fastify').FastifyInstance} */
let app;
if (existsSync(join(dist, 'server.js')) && existsSync(join(dist, 'server/catalog.js'))) {
  const { buildServer } = await load('server');
  app = await buildServer({ authentication, store: new MemoryStore(), logger: false });
} else {
  const { default: Fastify } = await import('fastify');
  const { apiRoutes } = await load('server/routes');
  const { createBrokerServerOptions } = await load('server/runtime/index');
  const handlers = createBrokerHandlers({
    catalog: CATALOG,
    store: new MemoryStore(),
    services,
    recoverOperations: false,
  });
  app = /** @type {import('fastify').FastifyInstance} */ (
    /** @type {unknown} */ (Fastify(createBrokerServerOptions({ logger: false })))
  );
  app.addHook('onClose', () => handlers.close());
  await app.register(apiRoutes, { handlers, authentication });
}
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
announce(typeof address === 'object' && address !== null ? address.port : 0, () => app.close());
