import { createTwoFilesPatch } from 'diff';
import type { FileChange } from './plan-changes.js';

/**
 * A unified diff of every change, in the `a/` `b/` form git prints, so `--dry-run` output can be
 * read like a patch (and applied with `git apply`).
 */
export function diffChanges(changes: readonly FileChange[]): string {
  return changes
    .filter((change) => change.action !== 'unchanged' && change.action !== 'kept')
    .map((change) =>
      createTwoFilesPatch(
        change.previous === undefined ? '/dev/null' : `a/${change.path}`,
        change.next === undefined ? '/dev/null' : `b/${change.path}`,
        change.previous ?? '',
        change.next ?? '',
        undefined,
        undefined,
        { context: 3 },
      ).replace(/^=+\n/, ''),
    )
    .join('');
}
