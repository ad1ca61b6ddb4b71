import { fileURLToPath } from 'node:url';
import { bundle, createConfig, lint } from '@redocly/openapi-core';
import type { Config, NormalizedProblem } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import {
  collectExamples,
  listOperations,
  validateExamples,
  type ExampleInventory,
  type OperationEntry,
} from '../helpers/spec-examples.js';

/** The hand-curated specs shipped in `spec/`, each checked by the same suite. */
const CURATED_SPECS = [
  { file: 'spec/open-service-broker.yaml' },
  { file: 'spec/cloud-controller-v2.yaml' },
];

interface LoadedSpec {
  openapi30: boolean;
  operations: OperationEntry[];
  inventory: ExampleInventory;
}

let recommended: Promise<Config> | undefined;
const recommendedConfig = (): Promise<Config> =>
  (recommended ??= createConfig({ extends: ['recommended'] }));

const formatProblem = (problem: NormalizedProblem): string =>
  `${problem.ruleId}: ${problem.message} (at ${problem.location[0]?.pointer ?? 'unknown location'})`;

describe.each(CURATED_SPECS)('the curated spec $file', ({ file }) => {
  const ref = fileURLToPath(new URL(`../../${file}`, import.meta.url));

  // Bundled once per spec, on first use, so that a spec that fails to bundle fails only the
  // tests that need the bundle (the lint test still reports what is wrong).
  let loaded: Promise<LoadedSpec> | undefined;
  const load = (): Promise<LoadedSpec> =>
    (loaded ??= (async () => {
      const { bundle: document } = await bundle({
        ref,
        config: await recommendedConfig(),
        dereference: true,
      });
      const doc: unknown = document.parsed;
      const version = (doc as { openapi?: unknown }).openapi;
      return {
        openapi30: typeof version === 'string' && version.startsWith('3.0'),
        operations: listOperations(doc),
        inventory: collectExamples(doc),
      };
    })());

  it('lints with zero errors under the recommended rules', async () => {
    const problems = await lint({ ref, config: await recommendedConfig() });
    const errors = problems.filter((p) => p.severity === 'error').map(formatProblem);
    expect(errors, `Redocly reported:\n${errors.join('\n')}`).toEqual([]);
  });

  it('has at least one operation', async () => {
    const { operations } = await load();
    expect(operations.length).toBeGreaterThan(0);
  });

  it('every example validates against its schema', async () => {
    const { inventory, openapi30 } = await load();
    expect(inventory.checks.length, 'number of examples checked').toBeGreaterThan(0);
    const failures = validateExamples(inventory.checks, openapi30);
    expect(failures, `invalid examples:\n${failures.join('\n')}`).toEqual([]);
  });

  it('gives every request body and every response with content at least one example', async () => {
    const { inventory } = await load();
    expect(inventory.missing, 'media types without an example').toEqual([]);
  });

  it.each(['operationId', 'summary', 'description'])(
    'gives every operation a non-empty %s',
    async (field) => {
      const { operations } = await load();
      const lacking = operations
        .filter(({ operation }) => {
          const value = operation[field];
          return typeof value !== 'string' || value.trim() === '';
        })
        .map(({ pointer }) => pointer);
      expect(lacking).toEqual([]);
    },
  );

  it('tags every operation', async () => {
    const { operations } = await load();
    const untagged = operations
      .filter(({ operation }) => !Array.isArray(operation.tags) || operation.tags.length === 0)
      .map(({ pointer }) => pointer);
    expect(untagged).toEqual([]);
  });
});
