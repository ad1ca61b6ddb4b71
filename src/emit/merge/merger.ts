import type { Project, SourceFile, ts } from 'ts-morph';
import { EmitError } from '../../errors.js';
import { collectFileUnits } from './collect-units.js';
import { loadTsMorph, type TsMorph } from './load-ts-morph.js';
import { mergeImports } from './merge-imports.js';
import { findGeneratedHeader, findUserHeader, mergeHeader, type Header } from './merge-header.js';
import type { MergeState } from './merge-state.js';
import { mergeUnits } from './merge-units.js';
import { locateFindings } from './locate-findings.js';
import { applyTextEdits } from './text-edits.js';
import type { MergeInput, MergeResult } from './types.js';

/** The versions of one file, parsed. */
interface Parsed {
  base: SourceFile | undefined;
  user: SourceFile;
  generated: SourceFile;
  headers: { base: Header | undefined; user: Header; generated: Header };
}

/**
 * Merges regenerated code into user-owned files. One Merger serves one run: it loads ts-morph on
 * its first merge and keeps one in-memory project (no lib files, no type checking) for all files.
 */
export class Merger {
  #tsMorph: TsMorph | undefined;
  #project: Project | undefined;

  /**
   * Three-way merges one file into the user's version of it. Throws EmitError
   * BG_MERGE_GENERATED_UNPARSEABLE or BG_MERGE_FAILED, both bugs in brokergen; a user
   * file that does not parse is returned untouched with status `unparseable`.
   */
  merge(input: MergeInput): MergeResult {
    const tm = (this.#tsMorph ??= loadTsMorph());
    const project = (this.#project ??= new tm.Project({
      useInMemoryFileSystem: true,
      skipLoadingLibFiles: true,
      compilerOptions: { noLib: true },
    }));
    const extension = /\.[cm]?[jt]sx?$/.exec(input.path)?.[0] ?? '.ts';
    const files: SourceFile[] = [];
    const parse = (role: string, text: string) => {
      const file = project.createSourceFile(`/merge/${role}${extension}`, text, {
        overwrite: true,
      });
      files.push(file);
      return file;
    };
    try {
      return mergeLineEndings(input, (lf) => mergeParsed(tm, lf, parse));
    } finally {
      for (const file of files) project.removeSourceFile(file);
    }
  }
}

/**
 * One merge through a fresh Merger; prefer one Merger per run when merging several files.
 * Throws EmitError BG_MERGE_GENERATED_UNPARSEABLE or BG_MERGE_FAILED (bugs).
 */
export function mergeUserCode(input: MergeInput): MergeResult {
  return new Merger().merge(input);
}

/**
 * Merges with `\n` line endings and gives a user file written with `\r\n` (git's autocrlf on
 * Windows) its own endings back: generated text always has `\n`, and otherwise every line would
 * look edited by the user.
 */
function mergeLineEndings(input: MergeInput, merge: (lf: MergeInput) => MergeResult): MergeResult {
  if (!input.user.includes('\r\n')) return merge(input);
  const lf = (text: string) => text.replaceAll('\r\n', '\n');
  const base = input.base === undefined ? undefined : lf(input.base);
  const result = merge({ ...input, base, user: lf(input.user), generated: lf(input.generated) });
  if (result.status === 'unparseable') return { ...result, text: input.user };
  const text = result.text.replaceAll('\n', '\r\n');
  return { ...result, text, status: text === input.user ? 'unchanged' : 'merged' };
}

function mergeParsed(
  tm: TsMorph,
  input: MergeInput,
  parse: (role: string, text: string) => SourceFile,
): MergeResult {
  const user = parse('user', input.user);
  const userError = firstSyntaxError(tm, user);
  if (userError !== undefined) {
    const conflict = { path: input.path, ...userError, symbol: '' };
    return { status: 'unparseable', text: input.user, conflicts: [conflict], notes: [] };
  }
  const generated = parse('generated', input.generated);
  const generatedError = firstSyntaxError(tm, generated);
  if (generatedError !== undefined) {
    throw new EmitError('BG_MERGE_GENERATED_UNPARSEABLE', generatedError.message, {
      location: { file: input.path, line: generatedError.line, column: generatedError.column },
    });
  }
  // A previous text that does not parse (a damaged manifest) is as good as none.
  const parsedBase = input.base === undefined ? undefined : parse('base', input.base);
  const base =
    parsedBase !== undefined && firstSyntaxError(tm, parsedBase) === undefined
      ? parsedBase
      : undefined;
  const generatedHeader = findGeneratedHeader(input.generated);
  const baseHeader = base === undefined ? undefined : findGeneratedHeader(base.getFullText());
  const known = [generatedHeader, ...(baseHeader === undefined ? [] : [baseHeader])];
  const headers = {
    base: baseHeader,
    user: findUserHeader(input.user, known),
    generated: generatedHeader,
  };
  return mergeFiles(tm, input, { base, user, generated, headers }, parse);
}

function mergeFiles(
  tm: TsMorph,
  input: MergeInput,
  parsed: Parsed,
  parse: (role: string, text: string) => SourceFile,
): MergeResult {
  const { base, user, generated, headers } = parsed;
  const state: MergeState = {
    base: base?.getFullText(),
    user: input.user,
    generated: input.generated,
    edits: mergeHeader(input.user, headers.user, headers.generated),
    findings: [],
  };
  const versions = {
    base: base === undefined ? undefined : collectFileUnits(tm, base, headers.base?.end ?? 0),
    user: collectFileUnits(tm, user, headers.user.end),
    generated: collectFileUnits(tm, generated, headers.generated.end),
  };
  mergeUnits(state, versions, []);
  // Imports follow the code, so they are merged once the declarations are: whether an import is
  // still used can only be read from the merged text.
  const declared = parse('declared', applyTextEdits(input.user, state.edits));
  const header = findUserHeader(declared.getFullText(), [headers.generated]);
  const importVersions = { base, merged: declared, generated, headerEnd: header.end };
  const importEdits = mergeImports(tm, importVersions, state.findings);
  const text = applyTextEdits(declared.getFullText(), importEdits);
  const result = parse('result', text);
  const resultError = firstSyntaxError(tm, result);
  if (resultError !== undefined) {
    throw new EmitError('BG_MERGE_FAILED', resultError.message, {
      location: { file: input.path, line: resultError.line, column: resultError.column },
    });
  }
  const units = collectFileUnits(tm, result, findUserHeader(text, [headers.generated]).end);
  const { conflicts, notes } = locateFindings(result, units, state.findings, input.path);
  return { status: text === input.user ? 'unchanged' : 'merged', text, conflicts, notes };
}

/**
 * The first syntax error of a parsed file, if any. The parser's own diagnostics are enough to
 * know that a file parses: asking a program for them would bind the file and load libraries.
 */
function firstSyntaxError(
  tm: TsMorph,
  file: SourceFile,
): { line: number; column: number; message: string } | undefined {
  // `parseDiagnostics` is internal to TypeScript, hence the program as a (slower) fallback.
  const compiled = file.compilerNode as ts.SourceFile & { parseDiagnostics?: ts.Diagnostic[] };
  const diagnostics =
    compiled.parseDiagnostics ??
    file.getProject().getProgram().compilerObject.getSyntacticDiagnostics(compiled);
  const diagnostic = diagnostics[0];
  if (diagnostic === undefined) return undefined;
  const { line, column } = file.getLineAndColumnAtPos(diagnostic.start ?? 0);
  const text = tm.ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  return { line, column, message: `Line ${line}, column ${column}: ${text}` };
}
