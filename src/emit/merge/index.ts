/**
 * The three-way merge of user-owned files, and the one place that loads ts-morph.
 *
 * The merge works on units (imports, top-level statements keyed by kind and name, class members
 * by name) and on the user's text: it computes text edits from the parsed base, user and
 * generated versions and applies them at once, so what the user wrote is kept byte for byte.
 * A unit only one side changed takes that side; a function or method both changed is merged as
 * signature and body apart; a unit the generator dropped is kept and marked `@deprecated`; a
 * unit the user deleted stays deleted. Imports follow the merged code.
 */
export { Merger, mergeUserCode } from './merger.js';
export type { MergeConflict, MergeInput, MergeNote, MergeNoteKind, MergeResult } from './types.js';
