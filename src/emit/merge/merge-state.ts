import type { Span } from './collect-units.js';
import { mergeLines } from './merge-lines.js';
import type { TextEdit } from './text-edits.js';
import type { MergeNoteKind } from './types.js';

/** A note or conflict, found while merging and located in the merged text afterwards. */
export interface Finding {
  kind: MergeNoteKind | 'conflict';
  /** The keys from the file down to the unit, such as `['class:X', 'method:y']`. */
  keyPath: readonly string[];
  symbol: string;
  message: string;
}

/** One merge of one file: the three texts, and the edits and findings collected so far. */
export interface MergeState {
  /** Undefined when the previous generated text is unknown (the manifest was lost). */
  base: string | undefined;
  user: string;
  generated: string;
  /** Edits to the user's text, applied together when the analysis is done. */
  edits: TextEdit[];
  findings: Finding[];
}

/** A part of a unit (all of it, its head or its body) in the three versions. */
export interface PartVersions {
  base: string;
  user: string;
  generated: string;
  /** Where the user's version is, so that it can be replaced. */
  span: Span;
}

export type PartOutcome = 'kept' | 'taken' | 'merged' | 'conflict';

/**
 * Three-way merge of one part: a side that did not change it yields to the side that did, and
 * when both changed it differently their line edits are combined (see mergeLines). If they
 * touch the same lines, the user's version stays and the caller reports a conflict.
 */
export function mergePart(state: MergeState, part: PartVersions): PartOutcome {
  if (part.user === part.generated || part.generated === part.base) return 'kept';
  if (part.user === part.base) {
    state.edits.push({ ...part.span, text: part.generated });
    return 'taken';
  }
  const merged = mergeLines(part.base, part.user, part.generated);
  if (!merged.clean) return 'conflict';
  state.edits.push({ ...part.span, text: merged.text });
  return 'merged';
}
