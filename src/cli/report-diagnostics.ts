import { relative } from 'node:path';
import type { Diagnostic, SourceLocation } from '../errors.js';
import type { CliIo } from './cli-io.js';
import { useColor } from './cli-io.js';

export type OutputFormat = 'text' | 'json';

export interface ReportOptions {
  format: OutputFormat;
  quiet: boolean;
}

const ANSI = {
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  dim: '\u001b[2m',
  cyan: '\u001b[36m',
  reset: '\u001b[0m',
};

/**
 * Prints diagnostics. Text goes to stderr, one line each:
 * `file:line:col  pointer  severity CODE  message  (hint)`. JSON goes to stdout as one document,
 * for tools. `--quiet` drops warnings from text output; JSON always holds everything.
 */
export function reportDiagnostics(
  diagnostics: readonly Diagnostic[],
  io: CliIo,
  options: ReportOptions,
): void {
  if (options.format === 'json') {
    io.stdout.write(JSON.stringify(toJsonReport(diagnostics, io.cwd), null, 2) + '\n');
    return;
  }
  const color = useColor(io.stderr, io.env);
  for (const diagnostic of diagnostics) {
    if (options.quiet && diagnostic.severity === 'warning') continue;
    io.stderr.write(formatDiagnostic(diagnostic, io.cwd, color) + '\n');
  }
}

/** One diagnostic as a line of text. */
export function formatDiagnostic(diagnostic: Diagnostic, cwd: string, color = false): string {
  const paint = (code: string, text: string) => (color ? code + text + ANSI.reset : text);
  const severity =
    diagnostic.severity === 'error'
      ? paint(ANSI.red, `error ${diagnostic.code}`)
      : paint(ANSI.yellow, `warning ${diagnostic.code}`);
  const rule = diagnostic.rule === undefined ? '' : ` [${diagnostic.rule}]`;
  const parts = [
    diagnostic.location === undefined
      ? 'brokergen'
      : paint(ANSI.cyan, formatPlace(diagnostic.location, cwd)),
  ];
  if (diagnostic.location?.pointer !== undefined)
    parts.push(paint(ANSI.dim, diagnostic.location.pointer));
  parts.push(severity, diagnostic.message + rule);
  if (diagnostic.hint !== undefined) parts.push(paint(ANSI.dim, `(${diagnostic.hint})`));
  return parts.join('  ');
}

function formatPlace(location: SourceLocation, cwd: string): string {
  let place = displayPath(location.file, cwd);
  if (location.line !== undefined) place += `:${location.line}`;
  if (location.line !== undefined && location.column !== undefined) place += `:${location.column}`;
  return place;
}

/** A path as the user would type it: relative to the working directory when below it. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel === '' || rel.startsWith('..') ? file : rel;
}

function toJsonReport(diagnostics: readonly Diagnostic[], cwd: string) {
  return {
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    diagnostics: diagnostics.map((d) =>
      d.location === undefined
        ? d
        : { ...d, location: { ...d.location, file: displayPath(d.location.file, cwd) } },
    ),
  };
}
