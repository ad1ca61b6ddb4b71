import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * The client runtime uses only what browsers and workers have: it compiles with the DOM
 * library and without Node.js's types.
 */
const REPO = resolve(import.meta.dirname, '../../..');

describe('the client runtime', () => {
  it('compiles for browsers, with the DOM library and no Node.js types', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'brokergen-browser-'));
    try {
      await writeFile(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            exactOptionalPropertyTypes: true,
            noUncheckedIndexedAccess: true,
            target: 'ES2022',
            lib: ['ES2022', 'DOM', 'DOM.Iterable'],
            module: 'ESNext',
            moduleResolution: 'Bundler',
            types: [],
          },
          include: [join(REPO, 'src/runtime/client/*.ts')],
        }),
      );
      const tsc = join(REPO, 'node_modules/typescript/bin/tsc');
      const output = await promisify(execFile)(process.execPath, [tsc, '-p', dir]).then(
        () => '',
        (error: { stdout?: string }) => error.stdout ?? String(error),
      );
      expect(output).toBe('');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
