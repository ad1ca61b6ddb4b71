import { getResponse } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelOperation, ModelResponse } from '../../../src/model/index.js';
import { createMockHandler } from '../../../src/runtime/mocks/index.js';
import { loadMockSpec, MOCK_SPECS } from './support/load-mock-spec.js';
import type { LoadedMockSpec } from './support/load-mock-spec.js';
import { createSpecOracle } from './support/spec-oracle.js';
import type { SpecOracle } from './support/spec-oracle.js';

/**
 * What the mocks answer, for every operation and every declared status with a JSON body of the
 * three specs, is checked by an Ajv of its own against the spec's schema as written (converted
 * by the test helper the curated-spec test uses, not by the target under test).
 */

/** A status that selects `response`: itself, else a status of its range or `default` not declared apart. */
function statusFor(operation: ModelOperation, response: ModelResponse): number {
  if (/^[0-9]{3}$/.test(response.status)) return Number(response.status);
  const declared = new Set(operation.responses.map((other) => other.status.toUpperCase()));
  const range = /^([1-5])XX$/i.exec(response.status);
  const candidates = range
    ? Array.from({ length: 100 }, (_, index) => Number(range[1]) * 100 + index)
    : [500, 503, 418, 422, 599];
  return (
    candidates.find(
      (status) => !declared.has(String(status)) && !declared.has(`${String(status)[0]}XX`),
    ) ?? 599
  );
}

/** A URL for an operation's path, its parameters filled with plain text. */
function urlFor(operation: ModelOperation): string {
  return `https://api.example.test${operation.path.replace(/\{[^{}]*\}/g, 'p1')}`;
}

interface Checked {
  failures: string[];
  checked: number;
  fromExamples: number;
}

describe.each(MOCK_SPECS)('the mocks of %s', (file) => {
  let loaded: LoadedMockSpec;
  let oracle: SpecOracle;

  beforeAll(async () => {
    loaded = await loadMockSpec(file);
    oracle = createSpecOracle(loaded.model);
  }, 120_000);

  async function checkAll(seed: number): Promise<Checked> {
    const result: Checked = { failures: [], checked: 0, fromExamples: 0 };
    for (const operation of loaded.model.operations) {
      for (const response of operation.responses) {
        const content = response.jsonContent;
        if (content?.schema === undefined) continue;
        const status = statusFor(operation, response);
        const handler = createMockHandler(
          loaded.mockSpec,
          operation.methodName,
          { status },
          { seed },
        );
        const request = new Request(urlFor(operation), { method: operation.method.toUpperCase() });
        const answer = await getResponse([handler], request);
        const where = `${operation.operationId} ${response.status}`;
        if (answer?.status !== status) {
          result.failures.push(`${where}: answered ${String(answer?.status)}`);
          continue;
        }
        if ([204, 205, 304].includes(status) || operation.method === 'head') continue;
        const body: unknown = await answer.json();
        const errors = oracle.errors(content.schema.pointer, body);
        result.checked += 1;
        if (
          content.examples.some((example) => JSON.stringify(example.value) === JSON.stringify(body))
        ) {
          result.fromExamples += 1;
        }
        if (errors !== '') {
          result.failures.push(`${where}: ${errors} in ${JSON.stringify(body).slice(0, 300)}`);
        }
      }
    }
    return result;
  }

  it('answers every declared status with a body valid for its schema', async () => {
    const { failures, checked } = await checkAll(1);
    expect(checked).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  }, 300_000);

  it('stays valid with another seed', async () => {
    const { failures } = await checkAll(20_240_229);
    expect(failures).toEqual([]);
  }, 300_000);
});
