import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Data flows one way: cli -> spec -> model -> targets -> emit. This test reads every import in
 * src/ and fails on an edge the table below does not allow, and on a third-party library used
 * outside its one adapter module.
 */
const SRC = resolve(import.meta.dirname, '../src');

/** Which top-level parts of src/ each part may import (itself always allowed). */
const ALLOWED: Record<string, readonly string[]> = {
  // `lint --catalog` runs the same catalog checks a generated broker runs at start-up.
  cli: ['spec', 'model', 'targets', 'emit', 'runtime', 'errors', 'naming'],
  spec: ['errors'],
  model: ['spec', 'errors', 'naming'],
  // The types target hands the bundled document to openapi-typescript, which wants a Redocly
  // configuration; spec/ stays the only module that talks to Redocly, so targets may ask it.
  targets: ['model', 'emit', 'spec', 'errors', 'naming'],
  emit: ['errors'],
  runtime: [],
  errors: [],
  naming: ['errors'],
  index: ['cli', 'spec', 'model', 'targets', 'emit', 'errors', 'naming'],
};

/** Third-party libraries and the only places that may import them. */
const ADAPTERS: Record<string, readonly string[]> = {
  '@redocly/openapi-core': ['spec/'],
  prettier: ['emit/format-code.ts'],
  handlebars: ['emit/render-template.ts'],
  'ts-morph': ['emit/merge/'],
  // `brokergen mock` transpiles the generated server it runs.
  typescript: ['emit/typecheck-output.ts', 'cli/mock/transpile-typescript.ts'],
  diff: ['emit/diff-changes.ts'],
  'openapi-typescript': ['targets/types/openapi-typescript.ts'],
  yargs: ['cli/'],
  fastify: ['runtime/'],
  // The durable stores, each copied into a generated project only when it uses that store.
  pg: ['runtime/broker/store/postgres-'],
  'better-sqlite3': ['runtime/broker/store/embedded-database.ts'],
  // The mocks runtime, copied into projects that generate mocks.
  msw: ['runtime/mocks/create-mock-handler.ts'],
  ajv: ['runtime/mocks/schema-validator.ts'],
  'ajv-formats': ['runtime/mocks/schema-validator.ts'],
};

function listSourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listSourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function partOf(file: string): string {
  const first = relative(SRC, file).split(/[\\/]/)[0] ?? '';
  return first.replace(/\.[jt]s$/, '');
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)];
  const dynamic = [...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)];
  const required = [...text.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)];
  // `createRequire(import.meta.url)('typescript')`, the lazy loads of heavy CommonJS modules.
  const created = [...text.matchAll(/createRequire\([^)]*\)\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return [...specifiers, ...dynamic, ...required, ...created].map((match) => match[1] ?? '');
}

const files = listSourceFiles(SRC);
const edges = files.flatMap((file) => importsOf(file).map((specifier) => ({ file, specifier })));

describe('the pipeline', () => {
  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('has no import against the direction of data flow', () => {
    const violations = edges
      .filter(({ specifier }) => specifier.startsWith('.'))
      .filter(({ file, specifier }) => {
        const from = partOf(file);
        const to = partOf(resolve(dirname(file), specifier));
        return from !== to && !(ALLOWED[from] ?? []).includes(to);
      })
      .map(({ file, specifier }) => `${relative(SRC, file)} imports ${specifier}`);
    expect(violations).toEqual([]);
  });

  it('keeps every third-party library behind its adapter module', () => {
    const violations = edges
      .filter(({ specifier }) => !specifier.startsWith('.') && !specifier.startsWith('node:'))
      .filter(({ file, specifier }) => {
        const library = Object.keys(ADAPTERS).find(
          (name) => specifier === name || specifier.startsWith(name + '/'),
        );
        if (library === undefined) return false;
        const where = relative(SRC, file).split('\\').join('/');
        return !(ADAPTERS[library] ?? []).some(
          (allowed) => where === allowed || where.startsWith(allowed),
        );
      })
      .map(({ file, specifier }) => `${relative(SRC, file)} imports ${specifier}`);
    expect(violations).toEqual([]);
  });
});
