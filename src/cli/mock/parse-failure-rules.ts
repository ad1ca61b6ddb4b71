import { UsageError } from '../../errors.js';
import { MOCK_OPERATIONS } from '../../runtime/mock-broker/failure-injection.js';
import type { FailureRule, MockOperation } from '../../runtime/mock-broker/failure-injection.js';

const SHARE = /^(?:0|1|0?\.[0-9]+|[01]\.0*)$/;

/**
 * Reads `--fail <operation>[:<share>]` values: `provision` fails every provision, `bind:0.25` a
 * quarter of the binds.
 * @throws UsageError BG_CLI_INVALID_FAILURE for an unknown operation, a share that is not a
 *   number from 0 to 1, or an operation named twice
 */
export function parseFailureRules(values: readonly string[]): FailureRule[] {
  const rules: FailureRule[] = [];
  for (const value of values) {
    const [name = '', share, ...rest] = value.split(':');
    if (!isMockOperation(name)) {
      throw invalid(`--fail ${value}: unknown operation "${name}"`);
    }
    if (share !== undefined && (rest.length > 0 || !SHARE.test(share))) {
      throw invalid(`--fail ${value}: the share must be a number from 0 to 1, such as 0.25`);
    }
    if (rules.some((rule) => rule.operation === name)) {
      throw invalid(`--fail ${value}: ${name} is already named by an earlier --fail`);
    }
    rules.push({ operation: name, share: share === undefined ? 1 : Number(share) });
  }
  return rules;
}

function isMockOperation(name: string): name is MockOperation {
  return (MOCK_OPERATIONS as readonly string[]).includes(name);
}

function invalid(message: string): UsageError {
  return new UsageError('BG_CLI_INVALID_FAILURE', message, {
    hint: `Operations: ${MOCK_OPERATIONS.join(', ')}; a share is a number from 0 to 1 (default 1).`,
  });
}
