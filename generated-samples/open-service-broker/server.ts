// Created by brokergen from open-service-broker.yaml (Open Service Broker API 2.17).
// This file is yours to edit: brokergen merges your changes when it regenerates.

import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { Broker } from './broker.js';
import { catalog } from './server/catalog.js';
import { apiRoutes } from './server/routes.js';
import { createBrokerHandlers } from './server/runtime/broker/index.js';
import type { Store } from './server/runtime/broker/index.js';
import { createEmbeddedStore } from './server/runtime/broker/store/embedded-store.js';
import { createBrokerServerOptions, RequestLogController } from './server/runtime/index.js';
import type { AuthenticationOptions } from './server/runtime/index.js';

export interface ServerOptions {
  authentication: AuthenticationOptions;
  /** Where instances, bindings and operations are kept: `openStore()` opens the configured one. */
  store: Store;
  logger?: boolean;
}

/** Builds the broker with every route registered; tests call it with their own options. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify(
    createBrokerServerOptions({
      logger: options.logger ?? false,
      logController: new RequestLogController(),
    }),
  );
  const broker = createBrokerHandlers({ catalog, store: options.store, services: new Broker() });
  // Stops background work at once, so that another broker process can take it over.
  app.addHook('onClose', () => broker.close());
  await app.register(apiRoutes, {
    handlers: broker,
    authentication: options.authentication,
  });
  return app;
}

/**
 * Opens the embedded store: one SQLite file in BROKER_DATA_DIR (default `./data`), which
 * survives restarts and crashes. For several broker replicas, regenerate with `--store postgres`.
 */
export async function openStore(): Promise<Store> {
  return createEmbeddedStore({ directory: process.env['BROKER_DATA_DIR'] ?? 'data' });
}

/**
 * The credentials platforms must send: BROKER_USERNAME and BROKER_PASSWORD (Basic), and/or
 * BROKER_TOKEN (Bearer). Without any, the broker refuses to start, unless it was started with
 * `--dev`: it then makes up a username and password for this run and prints them.
 */
function authenticationFromEnvironment(): AuthenticationOptions {
  const { BROKER_USERNAME: username, BROKER_PASSWORD: password, BROKER_TOKEN: token } = process.env;
  const authentication: AuthenticationOptions = {};
  if (username && password) authentication.basic = { username, password };
  if (token) authentication.bearer = { token };
  if (authentication.basic !== undefined || authentication.bearer !== undefined)
    return authentication;
  if (!process.argv.includes('--dev')) {
    throw new Error(
      'Set BROKER_USERNAME and BROKER_PASSWORD (or BROKER_TOKEN) before starting the broker, or start it with --dev for throwaway credentials.',
    );
  }
  const credentials = { username: 'dev', password: randomBytes(12).toString('base64url') };
  console.warn(
    `--dev: accepting Basic ${credentials.username}:${credentials.password} for this run only`,
  );
  return { basic: credentials };
}

// Started directly (`node server.js`) rather than imported by a test.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const authentication = authenticationFromEnvironment();
  const store = await openStore();
  const app = await buildServer({ authentication, store, logger: true });
  const stop = async () => {
    await app.close();
    await store.close();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({
    host: process.env['HOST'] ?? '127.0.0.1',
    port: Number(process.env['PORT'] ?? 8080),
  });
}
