import type { Diagnostic } from '../errors.js';
import { Merger } from './merge/index.js';
import type { MergeFile } from './plan-changes.js';
import { resolveInside } from './resolve-inside.js';

/**
 * The three-way merge as the change planner calls it: conflicts and unparseable files become
 * warnings located in the user's file. One Merger serves a whole run, so ts-morph loads once,
 * and only when a user file exists to merge.
 */
export function createMergeFile(outDir: string): MergeFile {
  let merger: Merger | undefined;
  return (input) => {
    merger ??= new Merger();
    const result = merger.merge(input);
    const file = resolveInside(outDir, input.path);
    const diagnostics: Diagnostic[] = result.conflicts.map((conflict) => ({
      code: result.status === 'unparseable' ? 'BG_MERGE_UNPARSEABLE' : 'BG_MERGE_CONFLICT',
      severity: 'warning',
      message: conflict.message,
      hint:
        result.status === 'unparseable'
          ? 'Fix the syntax error and run generate again to merge the changes.'
          : `Your version of ${conflict.symbol} was kept; compare it with the generated one (--dry-run shows it).`,
      location: { file, line: conflict.line, column: conflict.column },
    }));
    // Of the notes, these two ask something of the user; the others only describe the merge.
    for (const note of result.notes) {
      if (note.kind !== 'deprecated' && note.kind !== 'kept-user-version') continue;
      diagnostics.push({
        code: note.kind === 'deprecated' ? 'BG_MERGE_DEPRECATED' : 'BG_MERGE_KEPT_USER_VERSION',
        severity: 'warning',
        message: note.message,
        hint:
          note.kind === 'deprecated'
            ? `Move what you need out of ${note.symbol}, then delete it.`
            : `Check that your ${note.symbol} still does what the spec now asks.`,
        location: { file, line: note.line },
      });
    }
    return { status: result.status, text: result.text, diagnostics };
  };
}
