import { describe, expect, it } from 'vitest';
import type { MockSpec } from '../../../src/runtime/mocks/index.js';
import { orderOperations } from '../../../src/runtime/mocks/order-operations.js';

function specOf(paths: string[]): MockSpec {
  const operations = Object.fromEntries(
    paths.map((path, index) => [
      `op${index}`,
      { operationId: `op${index}`, method: 'GET', path, defaultStatus: 200 },
    ]),
  );
  return { operations };
}

describe('orderOperations', () => {
  it.each([
    [
      ['/pulls/{number}', '/pulls/comments'],
      ['/pulls/comments', '/pulls/{number}'],
    ],
    [
      ['/a/{x}/c', '/a/b/{y}'],
      ['/a/b/{y}', '/a/{x}/c'],
    ],
    [
      ['/compare/{a}...{b}', '/compare/{ref}', '/compare/latest'],
      ['/compare/latest', '/compare/{a}...{b}', '/compare/{ref}'],
    ],
    [
      ['/b', '/a', '/{x}'],
      ['/b', '/a', '/{x}'],
    ],
  ])('orders %j as %j', (paths, want) => {
    const spec = specOf(paths);
    expect(orderOperations(spec).map((key) => spec.operations[key]?.path)).toEqual(want);
  });
});
