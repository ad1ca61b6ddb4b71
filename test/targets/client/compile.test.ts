import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generateProject } from '../../helpers/generated-project.js';

/**
 * Clients generated for specs other than the broker's compile under strict, and under the
 * stricter options an application may turn on (exact optional properties, unused names), so
 * the generated code never breaks a build it lands in.
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
async function compileStricter(dir: string): Promise<string> {
  try {
    await promisify(execFile)(process.execPath, [TSC, '-p', dir, '--noEmit', ...STRICTER], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return '';
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    return `${stdout ?? ''}${stderr ?? ''}`;
  }
}

describe.each([
  ['spec/open-service-broker.yaml', 'the curated broker spec'],
  ['spec/cloud-controller-v2.yaml', 'the Cloud Controller spec'],
  ['test/fixtures/specs/hostile-names.yaml', 'a spec of hostile names'],
  ['node_modules/@octokit/openapi/generated/api.github.com.json', 'the GitHub REST description'],
])('the client generated for %s (%s)', (spec) => {
  it('compiles under tsc --strict and stricter options', async () => {
    const project = await generateProject(spec, ['client']);
    try {
      expect(await compileStricter(project.dir)).toBe('');
    } finally {
      await project.remove();
    }
  }, 240_000);
});
