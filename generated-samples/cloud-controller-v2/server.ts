// Created by brokergen from cloud-controller-v2.yaml (Cloud Foundry Cloud Controller v2 — Service Instances 2.0.0).
// This file is yours to edit: brokergen merges your changes when it regenerates.

import { pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { ServiceInstancesService } from './handlers/service-instances.js';
import { UserProvidedServiceInstancesService } from './handlers/user-provided-service-instances.js';
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
      new ServiceInstancesService(),
      new UserProvidedServiceInstancesService(),
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
