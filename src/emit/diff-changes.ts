import type { FileChange } from './plan-changes.js';

/**
 * A unified diff of every change, in the `a/` `b/` form git prints, so `--dry-run` output can be
 * read like a patch (and applied with `git apply`). The diff package is loaded here, on first
 * use: only `--dry-run` needs it, and loading it cost every run about 25 ms.
 */
export async function diffChanges(changes: readonly FileChange[]): Promise<string> {
  const { createTwoFilesPatch } = await import('diff');
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
