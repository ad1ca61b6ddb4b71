import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { BrokergenError, SpecDiagnosticsError, UsageError } from '../../errors.js';
import { buildModel } from '../../model/index.js';
import type { FailureRule, MockServer, MockServerLog } from '../../runtime/mock-broker/index.js';
import { loadSpec } from '../../spec/index.js';
import { checkCatalogFile } from '../check-catalog-file.js';
import { countDiagnostics } from '../command-context.js';
import { loadBrokerModules } from './load-broker-modules.js';
import type { BrokerModules } from './load-broker-modules.js';
import { compileBrokerServer } from './compile-broker-server.js';
import type { BrokergenDirs, MockCatalog } from './compile-broker-server.js';

/** The Basic credentials platforms must send. */
export interface MockCredentials {
  username: string;
  password: string;
}

/** What `startMockBroker` needs; paths are absolute. */
export interface MockBrokerOptions extends BrokergenDirs {
  /** A broker spec: an OpenAPI document with `x-osb-versions`. */
  specFile: string;
  /** The catalog to serve (YAML or JSON). */
  catalogFile: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** How long background work takes when the platform accepts it, in milliseconds. */
  asyncDelayMs: number;
  failures: readonly FailureRule[];
  /** Seeds the draws for failure shares; without it they are random. */
  seed?: number | undefined;
  /** Made up for the run when absent. */
  credentials?: MockCredentials | undefined;
  log: MockServerLog;
}

/** A mock broker listening for platforms. */
export interface RunningMockBroker {
  /** `http://host:port`, the broker URL to register with a platform. */
  url: string;
  port: number;
  credentials: MockCredentials;
  /** Stops background work and the server, and deletes the generated code. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts a stateful mock broker: the server a generated broker on the memory store runs (its
 * routes, the broker runtime, the catalog), with business logic that only does the work, in the
 * background for `asyncDelayMs` when the platform allows, and fails where `failures` say.
 * @throws SpecDiagnosticsError BG_SPEC_* or BG_CATALOG_* for an unusable spec or catalog,
 *   UsageError BG_CLI_NOT_A_BROKER for a spec without `x-osb-versions`, BrokergenError
 *   BG_MOCK_LOAD when the generated server cannot be loaded and BG_MOCK_LISTEN when it cannot
 *   listen on `host`:`port`.
 */
export async function startMockBroker(options: MockBrokerOptions): Promise<RunningMockBroker> {
  const [{ spec }, catalog] = await Promise.all([
    loadSpec(options.specFile),
    readCatalog(options.catalogFile),
  ]);
  const model = buildModel(spec);
  if ((model.osbVersions ?? []).length === 0) {
    throw new UsageError('BG_CLI_NOT_A_BROKER', `${spec.file} does not describe an OSB broker`, {
      hint: 'A broker spec declares the OSB versions it implements in a top-level `x-osb-versions`; the curated spec/open-service-broker.yaml does.',
    });
  }
  const modules = await loadBrokerModules(await compileBrokerServer(model, catalog, options));
  const credentials = options.credentials ?? createCredentials();
  const server = await createServer(modules, options, credentials).catch(async (error) => {
    await modules.remove();
    throw error;
  });
  const close = async () => {
    await server.close();
    await modules.remove();
  };
  let port: number;
  try {
    port = await server.listen(options.host, options.port);
  } catch (cause) {
    await close();
    throw new BrokergenError(
      'BG_MOCK_LISTEN',
      `Cannot listen on ${options.host}:${options.port}: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        hint: 'Choose another --port (0 picks a free one) or --host, or stop what uses it.',
        cause,
      },
    );
  }
  let closing: Promise<void> | undefined;
  return {
    url: `http://${formatHost(options.host)}:${port}`,
    port,
    credentials,
    close: () => (closing ??= close()),
  };
}

/** The mock's server over the loaded modules, with the mock's services. */
function createServer(
  modules: BrokerModules,
  options: MockBrokerOptions,
  credentials: MockCredentials,
): Promise<MockServer> {
  const { createMockServer, createMockServices, createSeededRandom } = modules.mockBroker;
  return createMockServer({
    apiRoutes: modules.apiRoutes,
    catalog: modules.catalog,
    handlerGroups: modules.handlerGroups,
    services: createMockServices({
      asyncDelayMs: options.asyncDelayMs,
      failures: options.failures,
      random: options.seed === undefined ? Math.random : createSeededRandom(options.seed),
    }),
    authentication: { basic: credentials },
    // Platforms poll about when the work will be done, and at least every 5 s (the default).
    retryAfterSeconds: Math.min(5, Math.max(1, Math.ceil(options.asyncDelayMs / 1000))),
    log: options.log,
  });
}

/** The catalog file, checked against the catalog rules 36-39; errors stop the mock. */
async function readCatalog(file: string): Promise<MockCatalog> {
  const { catalog, diagnostics } = await checkCatalogFile(file);
  if (catalog === undefined || countDiagnostics(diagnostics).errors > 0) {
    throw new SpecDiagnosticsError(catalog?.file ?? file, diagnostics);
  }
  return { document: catalog.document, file: basename(catalog.file) };
}

/** Credentials for this run only: a username and a 144-bit password. */
function createCredentials(): MockCredentials {
  return {
    username: `mock-${randomBytes(3).toString('hex')}`,
    password: randomBytes(18).toString('base64url'),
  };
}

/** An IPv6 address in a URL goes in brackets (RFC 3986 section 3.2.2). */
function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
