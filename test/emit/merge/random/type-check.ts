import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as TypeScript from 'typescript';

const ts = createRequire(import.meta.url)('typescript') as typeof TypeScript;
const LIB_DIR = dirname(createRequire(import.meta.url).resolve('typescript/lib/lib.es5.d.ts'));

const OPTIONS: TypeScript.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  // ES5 plus promises is all a handler file needs; the full ES2022 lib would triple the time.
  lib: ['lib.es5.d.ts', 'lib.es2015.promise.d.ts'],
  types: [],
};

/** Declarations for the node builtins the random user imports. */
const NODE_STUBS = `
declare module 'node:crypto' { export function createHash(algorithm: string): unknown; }
declare module 'node:path' { export function join(...parts: string[]): string; }
declare module 'node:timers/promises' { export function setTimeout(ms: number): Promise<void>; }
declare module 'node:events' { export class EventEmitter {} }
`;

/**
 * Type-checks a set of in-memory files under strict, in-process, and returns the diagnostics as
 * `file:line message` strings. Library files are parsed once and reused by every check.
 */
export function createTypeChecker(): (files: Record<string, string>) => string[] {
  const libraries = new Map<string, TypeScript.SourceFile>();
  let previous: TypeScript.Program | undefined;
  return (given) => {
    const files: Record<string, string> = { ...given, '/project/node-stubs.d.ts': NODE_STUBS };
    const host: TypeScript.CompilerHost = {
      getSourceFile: (name) => {
        if (name in files)
          return ts.createSourceFile(name, files[name] ?? '', ts.ScriptTarget.ES2022, true);
        const cached = libraries.get(name);
        if (cached !== undefined) return cached;
        const library = ts.createSourceFile(
          name,
          readFileSync(name, 'utf8'),
          ts.ScriptTarget.ES2022,
        );
        libraries.set(name, library);
        return library;
      },
      getDefaultLibFileName: () => join(LIB_DIR, 'lib.es5.d.ts'),
      getDefaultLibLocation: () => LIB_DIR,
      writeFile: () => undefined,
      getCurrentDirectory: () => '/project',
      getCanonicalFileName: (name) => name,
      useCaseSensitiveFileNames: () => true,
      getNewLine: () => '\n',
      fileExists: (name) => name in files || name.startsWith(LIB_DIR),
      readFile: (name) => files[name],
    };
    const program = ts.createProgram({
      rootNames: Object.keys(files),
      options: OPTIONS,
      host,
      ...(previous === undefined ? {} : { oldProgram: previous }),
    });
    previous = program;
    return [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics()].map((d) => {
      const where = d.file?.getLineAndCharacterOfPosition(d.start ?? 0);
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      return `${d.file?.fileName ?? ''}:${(where?.line ?? 0) + 1} ${message}`;
    });
  };
}
