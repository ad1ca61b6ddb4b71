/**
 * The mock broker's server: the generated `apiRoutes` plugin serving `createBrokerHandlers` on
 * an in-memory store, exactly as a generated broker's `server.ts` builds it, with the mock's
 * services and a log for a person watching a platform at work.
 */
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import type { FastifyPluginAsync } from 'fastify';
import type { AuthenticationOptions } from '../authentication.js';
import { createBrokerServerOptions } from '../broker-server-options.js';
import { composeHandlers } from '../compose-handlers.js';
import { RequestLogController } from '../request-log.js';
import type { RequestLogLine } from '../request-log.js';
import { createBrokerHandlers, MemoryStore } from '../broker/index.js';
import type { BrokerCatalog, BrokerLogger, BrokerServices } from '../broker/index.js';

/** The generated `apiRoutes` plugin, as far as the mock needs to know it. */
export type MockApiRoutes = FastifyPluginAsync<{
  handlers: object;
  authentication: AuthenticationOptions;
}>;

/** Where the mock broker reports what happens. */
export interface MockServerLog {
  /** One answered request: method, path and query, status, time; never headers or bodies. */
  request(line: RequestLogLine): void;
  /** Something went wrong outside the answers OSB defines: a bug, or a crashed background job. */
  problem(level: 'warn' | 'error', message: string, error: string | undefined): void;
}

export interface MockServerOptions {
  apiRoutes: MockApiRoutes;
  catalog: BrokerCatalog;
  services: BrokerServices;
  authentication: AuthenticationOptions;
  /** Handler classes of the operations the spec adds to OSB's, which answer 501. */
  handlerGroups?: readonly object[] | undefined;
  /** `Retry-After` on `last_operation` while an operation runs (whole seconds, at least 1). */
  retryAfterSeconds: number;
  log: MockServerLog;
}

/** A mock broker, built but not yet listening. */
export interface MockServer {
  /** Listens on `host`:`port` (0: a free port); resolves with the port, rejects as listen does. */
  listen(host: string, port: number): Promise<number>;
  /** Stops background work, closes the server, then the store. Safe to call twice. */
  close(): Promise<void>;
}

/** A pino log line, as Fastify writes it to the stream. */
interface LogEntry extends Partial<RequestLogLine> {
  level?: number;
  msg?: string;
  err?: { type?: string; message?: string; stack?: string };
}

const WARN = 40;

/**
 * Builds the mock broker's server, ready to listen. Throws what `createBrokerHandlers` throws
 * for an unusable catalog (CatalogError OSB_RUNTIME_INVALID_CATALOG) and what registering the
 * routes throws (OsbUsageError OSB_RUNTIME_DUPLICATE_HANDLER, Fastify's schema errors).
 */
export async function createMockServer(options: MockServerOptions): Promise<MockServer> {
  const { log } = options;
  const store = new MemoryStore();
  const handlers = createBrokerHandlers({
    catalog: options.catalog,
    store,
    services: options.services,
    retryAfterSeconds: options.retryAfterSeconds,
    // A fresh in-memory store has no operation another process could have left behind.
    recoverOperations: false,
    logger: toBrokerLogger(log),
  });
  const app = Fastify(
    createBrokerServerOptions({
      logger: { level: 'info', stream: { write: (line: string) => forward(line, log) } },
      logController: new RequestLogController(),
    }),
  );
  app.addHook('onClose', async () => {
    await handlers.close();
    await store.close();
  });
  try {
    await app.register(options.apiRoutes, {
      handlers: composeHandlers(handlers, ...(options.handlerGroups ?? [])),
      authentication: options.authentication,
    });
    // Compiles every route's schemas now, so that listening can only fail for the address.
    await app.ready();
  } catch (error) {
    await app.close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    async listen(host, port) {
      await app.listen({ host, port });
      return (app.server.address() as AddressInfo).port;
    },
    close() {
      closing ??= app.close();
      return closing;
    },
  };
}

/** Hands a Fastify log line to the mock's log: requests, then warnings and errors. */
function forward(line: string, log: MockServerLog): void {
  const entry = JSON.parse(line) as LogEntry;
  const level = entry.level ?? 0;
  if (entry.msg === 'request' && entry.method !== undefined && level < WARN) {
    const { method, url = '', status = 0, ms = 0, requestIdentity } = entry;
    log.request({ method, url, status, ms, ...(requestIdentity ? { requestIdentity } : {}) });
  } else if (level >= WARN) {
    const { err } = entry;
    // An OsbError is an answer (an injected failure, say), not a bug: its stack says nothing.
    const error =
      err?.type === 'OsbError' ? `${err.type}: ${err.message}` : (err?.stack ?? err?.message);
    log.problem(level > WARN ? 'error' : 'warn', entry.msg ?? '', error);
  }
}

/** The runtime's log of background work and recovery, into the mock's log (info dropped). */
function toBrokerLogger(log: MockServerLog): BrokerLogger {
  const describe = (details: object) => {
    const error = (details as { err?: unknown }).err;
    return error instanceof Error ? (error.stack ?? error.message) : undefined;
  };
  return {
    error: (details, message) => log.problem('error', message, describe(details)),
    warn: (details, message) => log.problem('warn', message, describe(details)),
    info: () => undefined,
  };
}
