/**
 * brokergen's programmatic API: the same stages the CLI runs.
 */
export { loadSpec } from './spec/index.js';
export type { LoadedSpec, LoadSpecOptions, LoadSpecResult } from './spec/index.js';
export { buildModel } from './model/index.js';
export type { ApiModel } from './model/index.js';
export { TARGETS, getTarget } from './targets/index.js';
export { emitFiles, CodeFormatter, TemplateRenderer } from './emit/index.js';
export { BrokergenError, ERROR_CODES } from './errors.js';
export type { Diagnostic, ErrorCode, SourceLocation } from './errors.js';
export { main } from './cli/main.js';
