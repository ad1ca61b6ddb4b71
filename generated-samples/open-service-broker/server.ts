// Created by brokergen from open-service-broker.yaml (Open Service Broker API 2.17).
// This file is yours to edit: brokergen merges your changes when it regenerates.

import { pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { CatalogService } from './handlers/catalog.js';
import { ServiceInstancesService } from './handlers/service-instances.js';
import { ServiceBindingsService } from './handlers/service-bindings.js';
import { InstanceStateService } from './handlers/instance-state.js';
import { apiRoutes } from './server/routes.js';
import { composeHandlers, createBrokerServerOptions } from './server/runtime/index.js';
import type { AuthenticationOptions } from './server/runtime/index.js';

export interface ServerOptions {
  authentication: AuthenticationOptions;
  logger?: boolean;
}

/** Builds the server with every handler registered; tests call it with their own options. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify(createBrokerServerOptions({ logger: options.logger ?? false }));
  await app.register(apiRoutes, {
    handlers: composeHandlers(
      new CatalogService(),
      new ServiceInstancesService(),
      new ServiceBindingsService(),
      new InstanceStateService(),
    ),
    authentication: options.authentication,
  });
  return app;
}

/** Credentials from the environment: BROKER_USERNAME and BROKER_PASSWORD, and/or BROKER_TOKEN. */
function authenticationFromEnvironment(): AuthenticationOptions {
  const { BROKER_USERNAME: username, BROKER_PASSWORD: password, BROKER_TOKEN: token } = process.env;
  const authentication: AuthenticationOptions = {};
  if (username !== undefined && password !== undefined)
    authentication.basic = { username, password };
  if (token !== undefined) authentication.bearer = { token };
  if (authentication.basic === undefined && authentication.bearer === undefined) {
    throw new Error(
      'Set BROKER_USERNAME and BROKER_PASSWORD (or BROKER_TOKEN) before starting the server.',
    );
  }
  return authentication;
}

// Started directly (`node server.js`) rather than imported by a test.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const app = await buildServer({
    authentication: authenticationFromEnvironment(),
    logger: true,
  });
  await app.listen({
    host: process.env['HOST'] ?? '127.0.0.1',
    port: Number(process.env['PORT'] ?? 8080),
  });
}
