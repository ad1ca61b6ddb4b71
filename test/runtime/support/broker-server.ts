import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { osbProtocol } from '../../../src/runtime/osb-protocol.js';
import type { OsbProtocolOptions } from '../../../src/runtime/osb-protocol.js';

/** A Fastify app listening on 127.0.0.1 at a port the system chose. */
export interface RunningServer {
  app: FastifyInstance;
  url: string;
  request(path: string, init?: RequestInit): Promise<Response>;
}

/** Starts servers and closes every one of them, for use from `afterEach`. */
export interface ServerPool {
  start(
    configure: (app: FastifyInstance) => void | Promise<void>,
    options?: FastifyServerOptions,
  ): Promise<RunningServer>;
  closeAll(): Promise<void>;
}

export function createServerPool(): ServerPool {
  const running: FastifyInstance[] = [];
  return {
    async start(configure, options = {}) {
      const app = Fastify(options);
      running.push(app);
      await configure(app);
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      if (address === null || typeof address === 'string') throw new Error('no TCP address');
      const url = `http://127.0.0.1:${address.port}`;
      return { app, url, request: (path, init) => fetch(`${url}${path}`, init) };
    },
    async closeAll() {
      await Promise.all(running.splice(0).map((app) => app.close()));
    },
  };
}

export const BASIC = { username: 'platform', password: 'correct horse:battery' };

/** An `Authorization: Basic` value for a username and password. */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** Headers a well-behaved platform sends: OSB 2.17 and the BASIC credentials. */
export function platformHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'X-Broker-API-Version': '2.17',
    Authorization: basicAuthorization(BASIC.username, BASIC.password),
    ...extra,
  };
}

/** A PUT of a JSON body with platformHeaders and any `extra` headers. */
export function putJson(body: unknown, extra: Record<string, string> = {}): RequestInit {
  return {
    method: 'PUT',
    headers: platformHeaders({ 'Content-Type': 'application/json', ...extra }),
    body: JSON.stringify(body),
  };
}

/** Base64 of a JSON value, as a platform encodes an originating identity. */
export function encodeIdentity(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

interface ProvisionRoute {
  Params: { instance_id: string };
  Querystring: { accepts_incomplete?: boolean };
  Body: { service_id: string; plan_id: string; context?: Record<string, unknown> };
}

/**
 * Registers osbProtocol (Basic authentication with BASIC unless `options` says otherwise) and
 * two OSB routes with schemas. Both answer what the protocol layer recorded on the request.
 */
export async function registerBroker(
  app: FastifyInstance,
  options: OsbProtocolOptions = { authentication: { basic: BASIC } },
): Promise<void> {
  await app.register(osbProtocol, options);
  app.get('/v2/catalog', async (request) => ({
    services: [],
    brokerApiVersion: request.brokerApiVersion ?? null,
    originatingIdentity: request.originatingIdentity ?? null,
  }));
  app.put<ProvisionRoute>(
    '/v2/service_instances/:instance_id',
    {
      schema: {
        params: {
          type: 'object',
          required: ['instance_id'],
          properties: { instance_id: { type: 'string', minLength: 1 } },
        },
        querystring: {
          type: 'object',
          properties: { accepts_incomplete: { type: 'boolean' } },
        },
        headers: {
          type: 'object',
          properties: { 'x-broker-api-request-identity': { type: 'string', minLength: 1 } },
        },
        body: {
          type: 'object',
          required: ['service_id', 'plan_id'],
          properties: {
            service_id: { type: 'string', minLength: 1 },
            plan_id: { type: 'string', minLength: 1 },
            context: { type: 'object' },
          },
        },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return {
        instance_id: request.params.instance_id,
        originatingIdentity: request.originatingIdentity ?? null,
      };
    },
  );
}

/** A JSON response body, with the OSB error field typed. */
export interface JsonBody {
  [key: string]: unknown;
  description?: string;
}

/** Reads a response body as JSON. */
export async function readJson(response: Response): Promise<JsonBody> {
  return (await response.json()) as JsonBody;
}
