import type { Config } from '@redocly/openapi-core';
import { BROKERGEN_RULES, brokergenPlugin } from './brokergen-rules.js';
import type { BundleCheck } from './bundle-check.js';
import { loadRedocly } from './redocly.js';

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

/**
 * Builds the Redocly configuration for a ruleset; with a bundle check, its rule runs as well
 * (it reports nothing).
 */
export async function createRedoclyConfig(
  ruleset: Ruleset,
  bundleCheck?: BundleCheck,
): Promise<Config> {
  const { createConfig } = await loadRedocly();
  if (ruleset === 'none') return createConfig({ extends: [], rules: {} });
  const check =
    bundleCheck === undefined
      ? { plugins: [], rules: {} }
      : { plugins: [bundleCheck.plugin], rules: bundleCheck.rules };
  return createConfig({
    extends: ruleset === 'recommended' ? ['recommended'] : [],
    plugins: [brokergenPlugin, ...check.plugins],
    rules:
      ruleset === 'recommended'
        ? { ...BROKERGEN_RULES, ...check.rules }
        : { ...STRUCTURAL_RULES, ...BROKERGEN_RULES, ...check.rules },
  } as Parameters<typeof createConfig>[0]);
}
