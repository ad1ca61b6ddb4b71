import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The mocks runtime is copied into generated projects and runs under msw in Node.js and in
 * browsers (`setupWorker`): it imports its own files, msw, ajv and ajv-formats, nothing else,
 * and uses only web globals.
 */
const DIR = resolve(import.meta.dirname, '../../../src/runtime/mocks');
const files = readdirSync(DIR).filter((name) => name.endsWith('.ts'));
const PACKAGES = new Set(['msw', 'ajv/dist/2020.js', 'ajv-formats']);

describe('the mocks runtime', () => {
  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files)('%s imports only sibling files, msw and ajv', (file) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    const specifiers = [
      ...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm),
      ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
    ].map((match) => match[1] ?? '');
    const others = specifiers.filter(
      (specifier) => !/^\.\/[a-z-]+\.js$/.test(specifier) && !PACKAGES.has(specifier),
    );
    expect(others).toEqual([]);
  });

  it.each(files)('%s uses no Node.js-only global', (file) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    expect(text).not.toMatch(/\b(?:Buffer|process|require|__dirname|setImmediate)\b/);
  });
});
