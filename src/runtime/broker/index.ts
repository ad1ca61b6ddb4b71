export { createBrokerHandlers } from './create-broker-handlers.js';
export type { BrokerLifecycle } from './create-broker-handlers.js';
export type { BrokerHandlersOptions, BrokerLogger } from './broker-context.js';
export { BrokerOutcomeError, asOsbError } from './broker-errors.js';
export type { BrokerOutcomeErrorCode } from './broker-errors.js';
export { MemoryStore } from './memory-store.js';
export { INTERRUPTED_DESCRIPTION } from './operation-runner.js';
export { HALTED_DESCRIPTION } from './delete-resources.js';
export { validateWithFastify } from './parameter-validation.js';
export type {
  ParameterIssue,
  ParameterValidationInput,
  ParameterValidator,
} from './parameter-validation.js';
export {
  findCatalogEntry,
  findService,
  getParametersSchema,
  isPlanBindable,
  isPlanUpdateable,
} from './catalog-plans.js';
export type {
  BrokerCatalog,
  CatalogEntry,
  CatalogMaintenanceInfo,
  CatalogParametersSchema,
  CatalogPlan,
  CatalogPlanMetadata,
  CatalogPlanSchemas,
  CatalogRequirement,
  CatalogService,
  CatalogServiceMetadata,
  ParametersJsonSchema,
  ParametersSchemaKind,
} from './catalog-plans.js';
export type * from './services.js';
export type * from './handler-types.js';
export type * from './store.js';
