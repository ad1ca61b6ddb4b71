/** What the emitter hands to the merge for one user-owned file. */
export interface MergeInput {
  /** The file's path relative to the output directory; used in findings only. */
  path: string;
  /** The text brokergen generated last time (from its manifest); undefined when unknown. */
  base: string | undefined;
  /** The file as it is on disk, with the user's edits. */
  user: string;
  /** The text brokergen generates now. */
  generated: string;
}

/** A declaration both sides changed differently; the user's version was kept. */
export interface MergeConflict {
  path: string;
  /** 1-based, in the merged text (in the user's text for an unparseable file). */
  line: number;
  /** 1-based. */
  column: number;
  /** The declaration, such as `ServiceInstancesService.provisionServiceInstance`. */
  symbol: string;
  message: string;
}

export type MergeNoteKind =
  'added' | 'updated-signature' | 'deprecated' | 'pruned-import' | 'kept-user-version';

/** Something the merge did that the user may want to know about; not a problem. */
export interface MergeNote {
  path: string;
  /** 1-based, in the merged text. */
  line: number;
  symbol: string;
  kind: MergeNoteKind;
  message: string;
}

export interface MergeResult {
  /** `unchanged` when `text` equals the user's text; `unparseable` when the user's text is left alone. */
  status: 'merged' | 'unchanged' | 'unparseable';
  text: string;
  conflicts: MergeConflict[];
  notes: MergeNote[];
}
