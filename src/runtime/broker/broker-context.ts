/**
 * The options of `createBrokerHandlers`, resolved once into the context every handler reads:
 * each default is spelled out here and nowhere else.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { OsbUsageError } from '../errors.js';
import { assertCatalog, formatCatalogProblems } from './catalog/index.js';
import { copyJson } from './copy-json.js';
import { isPlanBindable } from './catalog-plans.js';
import type { BrokerCatalog } from './catalog-plans.js';
import type { ParameterValidator } from './parameter-validation.js';
import { validateWithFastify } from './parameter-validation.js';
import type { BrokerServices, PlanParameterTypes } from './services.js';
import type { Store } from './store.js';

/** Where the runtime logs what happens outside a request (pino's and Fastify's `log` fit). */
export interface BrokerLogger {
  error(details: object, message: string): void;
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

/** What `createBrokerHandlers` needs and how it behaves. */
export interface BrokerHandlersOptions<T extends PlanParameterTypes = PlanParameterTypes> {
  /**
   * The catalog `GET /v2/catalog` answers, and every request is checked against; checked
   * against the catalog rules (36-39) and copied when the handlers are created.
   */
  catalog: BrokerCatalog;
  /** The previous release's catalog, to check that no ID changed (catalog rule 40). */
  previousCatalog?: unknown;
  /** Instances, bindings and operations; `MemoryStore` for tests. */
  store: Store;
  /** The broker's business logic. */
  services: BrokerServices<T>;
  /**
   * Checks `parameters` against the plan's JSON Schema ("Schemas Object"). Default: Fastify's
   * own validator compiler (Ajv, reached through the request), on a copy of the parameters;
   * false turns the check off.
   */
  validateParameters?: ParameterValidator | false | undefined;
  /** `Retry-After` seconds on `last_operation` while an operation runs (default 5). */
  retryAfterSeconds?: number | undefined;
  /** How long a process holds an operation without renewing it (default 30 seconds). */
  leaseSeconds?: number | undefined;
  /** How long a delete waits for halted creation work to stop (default 30 seconds). */
  haltTimeoutSeconds?: number | undefined;
  /** This process's name on the operations it runs (default host, pid and a random ID). */
  owner?: string | undefined;
  /** Logs background work and recovery (default: the console). */
  logger?: BrokerLogger | undefined;
  /**
   * Take over operations whose process died (their lease expired): at creation and then every
   * lease period (default true).
   */
  recoverOperations?: boolean | undefined;
}

/** The resolved options. */
export interface BrokerContext {
  catalog: BrokerCatalog;
  store: Store;
  services: BrokerServices;
  validateParameters: ParameterValidator | undefined;
  retryAfterSeconds: number;
  leaseMs: number;
  haltTimeoutMs: number;
  owner: string;
  logger: BrokerLogger;
  recoverOperations: boolean;
}

const CONSOLE_LOGGER: BrokerLogger = {
  error: (details, message) => console.error(message, details),
  warn: (details, message) => console.warn(message, details),
  info: (details, message) => console.info(message, details),
};

/**
 * Resolves the options; throws CatalogError OSB_RUNTIME_INVALID_CATALOG for a catalog breaking
 * the catalog rules, and OsbUsageError OSB_RUNTIME_INVALID_OPTIONS for a missing store or
 * service method the catalog needs, or a non-positive duration.
 */
export function resolveBrokerOptions<T extends PlanParameterTypes>(
  options: BrokerHandlersOptions<T>,
): BrokerContext {
  const { catalog, store, services } = options;
  if (!catalog || !Array.isArray(catalog.services)) invalid('catalog must have a services array');
  const logger = options.logger ?? CONSOLE_LOGGER;
  // Catalog rules 36-40 ("Catalog Management"), checked once, before any request is served.
  const warnings = assertCatalog(catalog, { previous: options.previousCatalog });
  if (warnings.length > 0) logger.warn({}, formatCatalogProblems(warnings));
  if (!store) invalid('store is required');
  if (!services || typeof services.provision !== 'function') {
    invalid('services.provision() is required');
  }
  if (typeof services.deprovision !== 'function') invalid('services.deprovision() is required');
  const bindable = catalog.services.some((service) =>
    service.plans.some((plan) => isPlanBindable({ service, plan })),
  );
  if (bindable && typeof services.bind !== 'function') {
    invalid('the catalog has bindable plans, so services.bind() is required');
  }
  if (typeof services.bind === 'function' && typeof services.unbind !== 'function') {
    invalid('services.unbind() is required with services.bind()');
  }
  return {
    // A copy, so that what `GET /v2/catalog` answers (serialized once, see createBrokerHandlers)
    // and what requests are checked against stay the catalog checked above, whatever later
    // happens to the caller's object.
    catalog: copyJson(catalog),
    store,
    // Inside the runtime every plan's parameters are plain JSON objects; `T` only types them
    // for the author.
    services: services as unknown as BrokerServices,
    validateParameters:
      options.validateParameters === false
        ? undefined
        : (options.validateParameters ?? validateWithFastify),
    retryAfterSeconds: positive('retryAfterSeconds', options.retryAfterSeconds ?? 5),
    leaseMs: positive('leaseSeconds', options.leaseSeconds ?? 30) * 1000,
    haltTimeoutMs: positive('haltTimeoutSeconds', options.haltTimeoutSeconds ?? 30) * 1000,
    owner: options.owner ?? `${hostname()}:${process.pid}:${randomUUID()}`,
    logger,
    recoverOperations: options.recoverOperations ?? true,
  };
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) invalid(`${name} must be a positive number`);
  return value;
}

function invalid(message: string): never {
  throw new OsbUsageError('OSB_RUNTIME_INVALID_OPTIONS', `createBrokerHandlers: ${message}`);
}
