import type { Oas3Rule } from '@redocly/openapi-core/lib/visitors.js';

/**
 * Checks that brokergen adds to Redocly's rules: things a generator cannot do without, which
 * OpenAPI itself allows (OpenAPI 3.1 made `responses` optional, for instance).
 *
 * Registered as a Redocly plugin so that they run in the same walk as the built-in rules and
 * report with the same locations.
 */
const operationResponses: Oas3Rule = () => ({
  Operation(operation, { report, location }) {
    const responses: unknown = operation.responses;
    if (
      responses === undefined ||
      responses === null ||
      (typeof responses === 'object' && Object.keys(responses).length === 0)
    ) {
      report({
        message: 'Operation has no responses: brokergen cannot type what it returns.',
        location: responses === undefined ? location.key() : location.child(['responses']).key(),
      });
    }
  },
});

export const BROKERGEN_PLUGIN_ID = 'brokergen';

/** The Redocly plugin carrying brokergen's own rules, named `brokergen/<rule>`. */
export const brokergenPlugin = {
  id: BROKERGEN_PLUGIN_ID,
  rules: {
    oas3: {
      'operation-responses': operationResponses,
    },
  },
};

/** Rule ids (with the plugin prefix) that brokergen always enforces as errors. */
export const BROKERGEN_RULES = {
  [`${BROKERGEN_PLUGIN_ID}/operation-responses`]: 'error',
} as const;
