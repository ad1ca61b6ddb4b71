import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generateProject } from '../../helpers/generated-project.js';

/**
 * Mocks generated for every kind of spec compile under strict and under the stricter options
 * a test suite may turn on, beside the client they answer (GitHub's alone: its client is
 * compiled by the client's own test, and both together take a minute of tsc).
 */
const TSC = resolve(import.meta.dirname, '../../../node_modules/typescript/bin/tsc');
const STRICTER = [
  '--exactOptionalPropertyTypes',
  '--noUnusedLocals',
  '--noUnusedParameters',
  '--noImplicitOverride',
  '--noPropertyAccessFromIndexSignature',
];

/** tsc's output for the project under its strict tsconfig plus STRICTER; empty when it compiles. */
async function compileStricter(dir: string, extra: readonly string[] = []): Promise<string> {
  try {
    await promisify(execFile)(
      process.execPath,
      [TSC, '-p', dir, '--noEmit', ...STRICTER, ...extra],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return '';
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    return `${stdout ?? ''}${stderr ?? ''}`;
  }
}

describe.each([
  ['spec/open-service-broker.yaml', ['client', 'mocks']],
  ['spec/cloud-controller-v2.yaml', ['client', 'mocks']],
  ['test/fixtures/specs/hostile-names.yaml', ['client', 'mocks']],
  ['test/fixtures/specs/model-recursive-schemas.yaml', ['mocks']],
  ['test/fixtures/specs/minimal-3.0.json', ['mocks']],
  ['test/targets/mocks/fixtures/no-operations.yaml', ['mocks']],
  ['node_modules/@octokit/openapi/generated/api.github.com.json', ['mocks']],
])('the mocks generated for %s', (spec, targets) => {
  it('compile under tsc --strict and stricter options', async () => {
    const project = await generateProject(spec, targets);
    try {
      expect(await compileStricter(project.dir)).toBe('');
    } finally {
      await project.remove();
    }
  }, 240_000);
});

describe('the client and mocks generated for the broker spec', () => {
  it('compile with Bundler module resolution too, as in a project built by a bundler', async () => {
    // Packages in CommonJS (Ajv, ajv-formats) import differently under the two resolutions.
    const project = await generateProject('spec/open-service-broker.yaml', ['client', 'mocks']);
    try {
      const bundler = ['--module', 'esnext', '--moduleResolution', 'bundler'];
      expect(await compileStricter(project.dir, bundler)).toBe('');
    } finally {
      await project.remove();
    }
  }, 240_000);
});
