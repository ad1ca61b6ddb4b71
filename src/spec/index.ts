export { loadSpec } from './load-spec.js';
export type { LoadSpecOptions, LoadSpecResult } from './load-spec.js';
export type { Ruleset } from './lint-config.js';
export type { LoadedSpec, OpenApiDocument, OpenApiVersion } from './spec-document.js';
export { createRedoclyConfig } from './lint-config.js';
