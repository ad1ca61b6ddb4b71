/**
 * Who owns a file: brokergen (`generated`: rewritten on every run, never edited by hand) or the
 * user (`user`: created once, then merged with the user's edits on regeneration).
 */
export type FileOwner = 'generated' | 'user';

/**
 * Code that another tool produced from the spec (openapi-typescript's printer escapes what it
 * prints), so a template may print it as it is, through the `trusted` helper. Plain strings are
 * never trusted: wrapping is a deliberate act in a target.
 */
export class TrustedCode {
  constructor(readonly code: string) {}
}

/**
 * JSON data (a schema, a catalog) a template prints as a TypeScript literal, through the `json`
 * helper: laid out in the output style where it lands (layout-literal.ts), its strings escaped
 * as JSON escapes them.
 */
export class JsonLiteral {
  constructor(readonly value: unknown) {}
}

/**
 * Trusted code as TypeScript's printer prints it (openapi-typescript's `astToString`): whole
 * top-level statements, four-space indented. Emit lays it out in the output style itself, which
 * on a large spec is seconds faster than prettier (see format-printed-code.ts), so a template must
 * print it at the top level, on lines of its own.
 */
export class PrintedCode extends TrustedCode {}

/**
 * What a template promises about its output: `formatted`, that it writes the output style itself
 * wherever the layout does not depend on how long the spec's names are, and prints what may not
 * fit on one line, for prettier to break (emit formats only the statements with a line too wide;
 * see format-rendered.ts); `unformatted`, nothing (prettier formats the whole render).
 */
export type RenderStyle = 'formatted' | 'unformatted';

/** Where a planned file's text comes from. */
export type FileContent =
  /**
   * A Handlebars template under `templates/` (without `.hbs`), rendered with a flat view;
   * `style` defaults to `unformatted`.
   */
  | { kind: 'template'; template: string; view: object; style?: RenderStyle }
  /**
   * A source file copied as it is (brokergen's runtime), behind the generated header. It must
   * already be in the output style: it is not formatted again.
   */
  | { kind: 'copy'; from: string };

/** A file a target wants written, relative to the output directory. */
export interface PlannedFile {
  /** POSIX path relative to the output directory. */
  path: string;
  owner: FileOwner;
  content: FileContent;
}

/** Facts the generated header states, so a reader knows where a file came from. */
export interface HeaderFacts {
  /** The file name of the spec the file was generated from (no directory: output is the same wherever it runs). */
  specFile: string;
  /** The spec's `info.title` and `info.version`. */
  title: string;
  version: string;
}

/** A planned file after rendering and formatting: the exact bytes to write. */
export interface RenderedFile {
  path: string;
  owner: FileOwner;
  text: string;
  /** Hash of the text before formatting, recorded so an identical render can skip prettier. */
  source?: string;
}
