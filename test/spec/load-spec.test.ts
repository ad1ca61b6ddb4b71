import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpecDiagnosticsError, SpecError } from '../../src/errors.js';
import { loadSpec } from '../../src/spec/index.js';

const fixture = (name: string) => join(import.meta.dirname, '../fixtures/specs', name);

/** Runs a load that must fail and returns what it threw. */
async function loadFailure(name: string): Promise<SpecError> {
  const error = await loadSpec(fixture(name)).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(SpecError);
  return error as SpecError;
}

describe('loadSpec', () => {
  it.each([
    ['minimal-3.0.json', '3.0'],
    ['minimal-3.1.yaml', '3.1'],
  ] as const)('reads the OpenAPI version of %s as %s', async (name, version) => {
    const { spec } = await loadSpec(fixture(name));
    expect(spec.version).toBe(version);
  });

  it('bundles an external $ref into components, keeping recursion as an internal $ref', async () => {
    const { spec } = await loadSpec(fixture('external-ref.yaml'));
    const text = JSON.stringify(spec.document);
    expect(text).not.toContain('external-schemas.yaml');
    const components = spec.document['components'] as { schemas: Record<string, unknown> };
    expect(components.schemas['Thing']).toMatchObject({
      properties: { parent: { $ref: '#/components/schemas/Thing' } },
    });
  });

  it('locates a JSON pointer at its line and column', async () => {
    const { spec } = await loadSpec(fixture('external-ref.yaml'));
    expect(spec.locate('#/paths/~1things~1{thing_id}/get/operationId')).toMatchObject({
      line: 8,
      column: 20,
    });
  });

  it('locates a JSON pointer in a JSON spec at its line and column', async () => {
    const { spec } = await loadSpec(fixture('minimal-3.0.json'));
    expect(spec.locate('#/info/title')).toMatchObject({ line: 3, column: 22 });
  });

  it.each([
    ['bad-yaml.yaml', 'BG_SPEC_PARSE', { line: 9, column: 6, pointer: '#/paths/~1things/get' }],
    ['bad-json.json', 'BG_SPEC_PARSE', { line: 4, column: 13 }],
    ['swagger-2.yaml', 'BG_SPEC_UNSUPPORTED_VERSION', { line: 1, pointer: '#/swagger' }],
    ['openapi-4.yaml', 'BG_SPEC_UNSUPPORTED_VERSION', { line: 1, pointer: '#/openapi' }],
    ['does-not-exist.yaml', 'BG_SPEC_NOT_FOUND', {}],
  ] as const)('rejects %s with %s at its location', async (name, code, location) => {
    const error = await loadFailure(name);
    expect(error.code).toBe(code);
    expect(error.location).toMatchObject({ file: fixture(name), ...location });
    expect(error.hint).toBeTruthy();
  });

  it.each([
    [
      'bad-ref.yaml',
      'BG_SPEC_REF',
      'no-unresolved-refs',
      15,
      '#/paths/~1things/get/responses/200/content/application~1json/schema',
    ],
    [
      'bad-external-ref.yaml',
      'BG_SPEC_REF',
      'no-unresolved-refs',
      15,
      '#/paths/~1things/get/responses/200/content/application~1json/schema',
    ],
    [
      'no-responses.yaml',
      'BG_SPEC_INVALID',
      'brokergen/operation-responses',
      7,
      '#/paths/~1things/get',
    ],
  ] as const)(
    'reports %s as %s from rule %s at line %i',
    async (name, code, rule, line, pointer) => {
      const error = await loadFailure(name);
      expect(error).toBeInstanceOf(SpecDiagnosticsError);
      const [diagnostic] = (error as SpecDiagnosticsError).diagnostics;
      expect(diagnostic).toMatchObject({
        code,
        rule,
        severity: 'error',
        location: { file: fixture(name), line, pointer },
      });
      expect(diagnostic?.hint).toBeTruthy();
    },
  );

  it('collects every problem before failing, in file order', async () => {
    const error = (await loadFailure('two-problems.yaml')) as SpecDiagnosticsError;
    expect(error.diagnostics.map((d) => [d.rule, d.location?.line])).toEqual([
      ['brokergen/operation-responses', 7],
      ['no-unresolved-refs', 18],
    ]);
  });

  it('passes the GitHub REST description with warnings only', async () => {
    const file = join(
      import.meta.dirname,
      '../../node_modules/@octokit/openapi/generated/api.github.com.json',
    );
    const { spec, diagnostics } = await loadSpec(file);
    expect(spec.version).toBe('3.0');
    expect(diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  });
});
