import { diffChanges } from '../emit/diff-changes.js';
import type { FileChange } from '../emit/plan-changes.js';
import type { FileOwner } from '../emit/planned-file.js';
import type { Diagnostic } from '../errors.js';
import type { CommandContext } from './command-context.js';
import { plural, say } from './command-context.js';
import type { GenerateArgs } from './generate.js';
import { displayPath, reportDiagnostics } from './report-diagnostics.js';

/**
 * What `generate` prints. A run the cache answers prints what the write before it printed, so
 * this module is shared by the full run (generate-files.ts) and the cached one (generate.ts).
 */

/** What a run prints before its result: a line, or diagnostics (catalog warnings). */
export type RunLogEntry = { say: string } | { diagnostics: Diagnostic[] };

/** What a run that changes nothing prints, saved by the write before it. */
export interface UnchangedRun {
  log: RunLogEntry[];
  specDiagnostics: Diagnostic[];
  problems: Diagnostic[];
  files: Array<{ path: string; owner: FileOwner }>;
}

/** Prints `entry` and keeps it in `log`, for the run the cache answers next. */
export function logAndReplay(
  context: CommandContext,
  args: GenerateArgs,
  log: RunLogEntry[],
  entry: RunLogEntry,
): void {
  log.push(entry);
  replayLog(context, args, entry);
}

export function replayLog(context: CommandContext, args: GenerateArgs, entry: RunLogEntry): void {
  if ('say' in entry) say(context, args, entry.say);
  else reportDiagnostics(entry.diagnostics, context.io, args);
}

/** The run's diagnostics and changes: one JSON document, or lines, a diff and a summary. */
export async function reportResult(
  context: CommandContext,
  args: GenerateArgs,
  run: {
    outDir: string;
    mode: string;
    /** Counted in text (`brokergen lint` lists them), listed in JSON. */
    specDiagnostics: Diagnostic[];
    problems: Diagnostic[];
    changes: FileChange[];
  },
): Promise<void> {
  const { outDir, mode, specDiagnostics, problems, changes } = run;
  if (args.format === 'json') {
    const files = changes.map(({ path, owner, action }) => ({ path, owner, action }));
    const report = { outDir, mode, diagnostics: [...specDiagnostics, ...problems], files };
    context.io.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } else {
    reportDiagnostics(problems, context.io, args);
    if (mode === 'dry-run') context.io.stdout.write(await diffChanges(changes));
    reportChanges(context, args, outDir, changes);
  }
}

const VERBS: Record<FileChange['action'], string> = {
  created: 'created',
  updated: 'updated',
  merged: 'merged',
  deleted: 'deleted',
  kept: 'kept',
  unchanged: 'unchanged',
};

function reportChanges(
  context: CommandContext,
  args: GenerateArgs,
  outDir: string,
  changes: FileChange[],
): void {
  const where = displayPath(outDir, context.io.cwd);
  const planning = args.check || args['dry-run'];
  for (const change of changes) {
    if (change.action === 'unchanged' || change.action === 'kept') continue;
    const line = `${planning ? 'would be ' : ''}${VERBS[change.action]}  ${where}/${change.path}`;
    // In check mode the list of stale files is the result, so it prints even with --quiet.
    if (args.check) context.io.stderr.write(line + '\n');
    else say(context, args, line);
  }
  const changed = changes.filter((c) => c.action !== 'unchanged' && c.action !== 'kept').length;
  const summary = planning
    ? changed === 0
      ? `${where}: up to date`
      : `${where}: ${plural(changed, 'file')} out of date`
    : `${where}: ${plural(changed, 'file')} written, ${changes.length - changed} unchanged`;
  say(context, args, summary);
}
