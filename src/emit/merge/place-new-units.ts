import { byKey, type Unit, type UnitList } from './collect-units.js';
import type { TextEdit } from './text-edits.js';

/** The two versions of one container a new unit moves between. */
export interface Placement {
  user: UnitList;
  userText: string;
  generated: UnitList;
  generatedText: string;
}

/**
 * The edits that insert new generated units into the user's container. Each goes where the
 * generated file puts it: after the nearest unit before it (in the generated order) that the
 * user's container has, with the generated file's comments and blank lines around it. A unit
 * with no such neighbour opens the container. Units sharing an anchor keep the generated order.
 */
export function placeNewUnits(fresh: readonly Unit[], placement: Placement): TextEdit[] {
  const { user, userText, generated, generatedText } = placement;
  const userUnits = byKey(user);
  const isFresh = new Set(fresh.map((unit) => unit.key));
  const edits: TextEdit[] = [];
  generated.units.forEach((unit, index) => {
    if (!isFresh.has(unit.key)) return;
    const before = generated.units[index - 1];
    const text = generatedText.slice(unit.copy.start, unit.copy.end);
    const gapBefore = generatedText.slice(before?.copy.end ?? generated.open, unit.copy.start);
    const anchor = generated.units
      .slice(0, index)
      .reverse()
      .map((candidate) => userUnits.get(candidate.key))
      .find((candidate) => candidate !== undefined);
    if (anchor !== undefined) {
      edits.push({ start: anchor.copy.end, end: anchor.copy.end, text: gapBefore + text });
      return;
    }
    const first = user.units[0];
    if (first === undefined) {
      edits.push({ start: user.open, end: user.open, text: gapBefore + text });
      return;
    }
    // Inserted before the user's first unit, after its indentation: the gap restores that.
    const after = generated.units[index + 1];
    const lineStart = userText.lastIndexOf('\n', first.copy.start - 1) + 1;
    const indent = userText.slice(lineStart, first.copy.start).replace(/\S/g, ' ');
    const gapAfter =
      after === undefined ? `\n\n${indent}` : generatedText.slice(unit.copy.end, after.copy.start);
    edits.push({ start: first.copy.start, end: first.copy.start, text: text + gapAfter });
  });
  return edits;
}
