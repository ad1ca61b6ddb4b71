import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundle, createConfig } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/index.js';

/**
 * loadSpec leaves Redocly's bundler out for a spec in one file and makes its few changes itself
 * (bundle-check.ts). These tests hold it to the bundler's result, key order included.
 */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'brokergen-bundle-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const OPERATION = `
  /things:
    get:
      operationId: listThings
      responses:
        '200':
          description: Things.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Thing'
`;

const SPECS: Record<string, string> = {
  'no components': `openapi: 3.1.0
info: { title: T, version: '1' }
paths:
  /ping:
    get:
      operationId: ping
      responses:
        '204': { description: Pong. }
`,
  'example values that are references': `openapi: 3.1.0
info: { title: T, version: '1' }
paths:${OPERATION.replace(
    "$ref: '#/components/schemas/Thing'",
    `$ref: '#/components/schemas/Thing'
              examples:
                object:
                  value:
                    $ref: '#/components/examples/thing/value'
                    note: kept beside the reference
                scalar:
                  value:
                    $ref: '#/components/examples/name/value'`,
  )}
components:
  schemas:
    Thing:
      type: object
      properties:
        name: { type: string }
  examples:
    thing:
      value: { name: from the component }
    name:
      value: just a string
`,
  'a discriminator mapping to component schemas': `openapi: 3.1.0
info: { title: T, version: '1' }
paths:${OPERATION}
components:
  schemas:
    Thing:
      oneOf:
        - $ref: '#/components/schemas/Cat'
        - $ref: '#/components/schemas/Dog'
      discriminator:
        propertyName: kind
        mapping:
          cat: '#/components/schemas/Cat'
          dog: '#/components/schemas/Dog'
    Cat: { type: object, properties: { kind: { type: string } } }
    Dog: { type: object, properties: { kind: { type: string } } }
`,
  'a discriminator mapping to a schema outside components': `openapi: 3.1.0
info: { title: T, version: '1' }
paths:${OPERATION}
components:
  schemas:
    Thing:
      oneOf:
        - $ref: '#/components/schemas/Cat'
        - $ref: '#/components/schemas/Thing/x-dog'
      discriminator:
        propertyName: kind
        mapping:
          cat: '#/components/schemas/Cat'
          dog: '#/components/schemas/Thing/x-dog'
      x-dog: { type: object, properties: { kind: { type: string } } }
    Cat: { type: object, properties: { kind: { type: string } } }
`,
};

/** The document as Redocly's bundler leaves it, with the same configuration loadSpec lints by. */
async function bundleWithRedocly(file: string): Promise<unknown> {
  const config = await createConfig({ extends: [], rules: {} });
  const bundled = await bundle({ ref: file, config, dereference: false });
  return bundled.bundle.parsed;
}

describe('loadSpec without the bundler', () => {
  it.each(Object.keys(SPECS))('gives the bundler’s document for a spec with %s', async (name) => {
    const file = join(dir, `${name.replaceAll(' ', '-')}.yaml`);
    await writeFile(file, SPECS[name] ?? '');
    const { spec } = await loadSpec(file);
    expect(JSON.stringify(spec.document)).toBe(JSON.stringify(await bundleWithRedocly(file)));
  });

  it('lists every file the load read', async () => {
    const fixtures = join(import.meta.dirname, '../fixtures/specs');
    const { files } = await loadSpec(join(fixtures, 'external-ref.yaml'));
    expect(files).toEqual([
      join(fixtures, 'external-ref.yaml'),
      join(fixtures, 'external-schemas.yaml'),
    ]);
  });
});
