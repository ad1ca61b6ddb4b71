import { describe, expect, it } from 'vitest';
import { parseFailureRules } from '../../../src/cli/mock/parse-failure-rules.js';
import { UsageError } from '../../../src/errors.js';

describe('parseFailureRules', () => {
  it.each([
    [[], []],
    [['provision'], [{ operation: 'provision', share: 1 }]],
    [['bind:0.25'], [{ operation: 'bind', share: 0.25 }]],
    [['unbind:.5'], [{ operation: 'unbind', share: 0.5 }]],
    [['update:0'], [{ operation: 'update', share: 0 }]],
    [['deprovision:1.0'], [{ operation: 'deprovision', share: 1 }]],
    [
      ['provision', 'bind:0.1'],
      [
        { operation: 'provision', share: 1 },
        { operation: 'bind', share: 0.1 },
      ],
    ],
  ])('reads %j as %j', (given, want) => {
    expect(parseFailureRules(given)).toEqual(want);
  });

  it.each([
    [['explode']],
    [['Provision']],
    [['']],
    [['bind:']],
    [['bind:1.5']],
    [['bind:-0.5']],
    [['bind:1e-1']],
    [['bind:half']],
    [['bind:0.5:0.5']],
    [['bind', 'bind:0.5']],
  ])('refuses %j with BG_CLI_INVALID_FAILURE', (given) => {
    expect(() => parseFailureRules(given)).toThrow(
      expect.objectContaining({ code: 'BG_CLI_INVALID_FAILURE' }),
    );
    expect(() => parseFailureRules(given)).toThrow(UsageError);
  });
});
