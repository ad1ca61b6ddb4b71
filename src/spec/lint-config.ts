import { createConfig } from '@redocly/openapi-core';
import type { Config } from '@redocly/openapi-core';
import { BROKERGEN_RULES, brokergenPlugin } from './brokergen-rules.js';

/**
 * Which rules a load runs.
 * - `recommended`: Redocly's recommended rules plus brokergen's own; what `brokergen lint` uses.
 * - `structural`: only what generation depends on (the document's structure, resolvable `$ref`s
 *   and brokergen's own rules), so that `generate` accepts real specs with style problems and
 *   does not pay for example validation on every run. Structure problems that do not stop
 *   generation are warnings here.
 * - `none`: no rules at all, for libraries that insist on linting a document brokergen has
 *   already validated (openapi-typescript), so the work is not done twice.
 */
export type Ruleset = 'recommended' | 'structural' | 'none';

const STRUCTURAL_RULES = {
  struct: 'warn',
  'no-unresolved-refs': 'error',
  'operation-operationId-unique': 'error',
  'path-parameters-defined': 'error',
};

/** Builds the Redocly configuration for a ruleset. */
export async function createRedoclyConfig(ruleset: Ruleset): Promise<Config> {
  if (ruleset === 'none') return createConfig({ extends: [], rules: {} });
  return createConfig({
    extends: ruleset === 'recommended' ? ['recommended'] : [],
    plugins: [brokergenPlugin],
    rules:
      ruleset === 'recommended'
        ? { ...BROKERGEN_RULES }
        : { ...STRUCTURAL_RULES, ...BROKERGEN_RULES },
  } as Parameters<typeof createConfig>[0]);
}
