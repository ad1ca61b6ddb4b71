import type { SourceFile } from 'ts-morph';
import type { Unit, UnitList } from './collect-units.js';
import type { Finding } from './merge-state.js';
import type { MergeConflict, MergeNote } from './types.js';

/**
 * Turns findings into conflicts and notes with lines (and columns) in the merged text, by finding
 * each unit by its keys once the merge is done. A unit no longer there (deleted, or an import
 * removed) is reported at its class, or at the first import, or at the top of the file.
 */
export function locateFindings(
  file: SourceFile,
  units: UnitList,
  findings: readonly Finding[],
  path: string,
): { conflicts: MergeConflict[]; notes: MergeNote[] } {
  const conflicts: MergeConflict[] = [];
  const notes: MergeNote[] = [];
  for (const finding of findings) {
    const { line, column } = file.getLineAndColumnAtPos(positionOf(units, finding.keyPath));
    const { kind, symbol, message } = finding;
    if (kind === 'conflict') {
      conflicts.push({ path, line, column, symbol, message });
    } else {
      notes.push({ path, line, symbol, kind, message });
    }
  }
  const byLine = (a: { line: number }, b: { line: number }) => a.line - b.line;
  return { conflicts: conflicts.sort(byLine), notes: notes.sort(byLine) };
}

function positionOf(units: UnitList, keyPath: readonly string[]): number {
  let list: UnitList | undefined = units;
  let position: number | undefined;
  for (const key of keyPath) {
    const unit: Unit | undefined = list?.units.find((candidate) => candidate.key === key);
    if (unit === undefined) break;
    position = unit.declStart;
    list = unit.members;
  }
  if (position === undefined && keyPath[0]?.startsWith('import:') === true) {
    position = units.units.find((unit) => unit.kind === 'import')?.declStart;
  }
  return position ?? 0;
}
