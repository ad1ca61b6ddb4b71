import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The client runtime runs in browsers and workers as well as Node.js: it may import its own
 * files and nothing else (no `node:` modules, no packages), and uses only web globals.
 */
const DIR = resolve(import.meta.dirname, '../../../src/runtime/client');
const files = readdirSync(DIR).filter((name) => name.endsWith('.ts'));

describe('the client runtime', () => {
  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files)('%s imports only sibling files of the client runtime', (file) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    const specifiers = [
      ...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm),
      ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
    ].map((match) => match[1] ?? '');
    expect(specifiers.filter((specifier) => !/^\.\/[a-z-]+\.js$/.test(specifier))).toEqual([]);
  });

  it.each(files)('%s uses no Node.js-only global', (file) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    expect(text).not.toMatch(/\b(?:Buffer|process|require|__dirname|setImmediate)\b/);
  });
});
