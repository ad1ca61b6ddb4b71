import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendPointer, ERROR_CODES } from '../src/errors.js';

const ROOT = resolve(import.meta.dirname, '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const declared = Object.keys(ERROR_CODES).sort();

function sourceText(dir: string): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceText(path);
      return entry.name.endsWith('.ts') ? readFileSync(path, 'utf8') : '';
    })
    .join('\n');
}

describe('error codes', () => {
  it('documents every declared code in the README', () => {
    const missing = declared.filter(
      (code) => !new RegExp(`^\\| \`${code}\`\\s+\\|`, 'm').test(readme),
    );
    expect(missing).toEqual([]);
  });

  it('declares every code the README documents', () => {
    const documented = [...readme.matchAll(/^\| `(BG_[A-Z_]+)`\s+\|/gm)].map((match) => match[1]);
    expect(documented.filter((code) => !declared.includes(code ?? ''))).toEqual([]);
  });

  it('uses only declared codes in the source', () => {
    const used = new Set(
      [...sourceText(join(ROOT, 'src')).matchAll(/'(BG_[A-Z_]+)'/g)].map((m) => m[1]),
    );
    expect([...used].filter((code) => !declared.includes(code ?? ''))).toEqual([]);
  });
});

describe('appendPointer', () => {
  it.each([
    ['#', ['paths', '/v2/catalog', 'get'], '#/paths/~1v2~1catalog/get'],
    ['#/components', ['schemas', 'a~b'], '#/components/schemas/a~0b'],
    ['#/x', [0, 'y'], '#/x/0/y'],
  ] as const)('extends %s with %j into %s', (given, tokens, want) => {
    expect(appendPointer(given, ...tokens)).toBe(want);
  });
});
