/**
 * Every error brokergen raises about its input, in one place.
 *
 * A code is never reused once released. Each has a row in README.md ("Error codes"), and a test
 * checks both directions, so a code cannot ship undocumented. Errors about bad input carry a
 * location (file, line, column, JSON pointer) so that the CLI can print `file:line:col pointer`.
 */

/** The documented error codes, each with what it means and how to fix it. */
export const ERROR_CODES = {
  BG_SPEC_NOT_FOUND: {
    title: 'The spec file does not exist or cannot be read',
    fix: 'Check the path given to --spec; it is resolved against the current directory.',
  },
  BG_SPEC_PARSE: {
    title: 'The spec is not valid YAML or JSON',
    fix: 'Fix the syntax at the reported line and column.',
  },
  BG_SPEC_UNSUPPORTED_VERSION: {
    title: 'The document is not OpenAPI 3.0 or 3.1',
    fix: 'Convert Swagger 2.0 documents to OpenAPI 3 first (for example with swagger2openapi).',
  },
  BG_SPEC_REF: {
    title: 'A $ref cannot be resolved',
    fix: 'Point the $ref at an existing file and JSON pointer.',
  },
  BG_SPEC_INVALID: {
    title: 'The spec breaks the OpenAPI specification or a lint rule',
    fix: 'Fix each reported problem at its location.',
  },
  BG_CATALOG_NOT_FOUND: {
    title: 'The catalog file does not exist or cannot be read',
    fix: 'Check the path given to --catalog or --previous; it is resolved against the current directory.',
  },
  BG_CATALOG_PARSE: {
    title: 'The catalog is not valid YAML or JSON',
    fix: 'Fix the syntax at the reported line and column.',
  },
  BG_CATALOG_INVALID: {
    title: 'The catalog breaks an OSB catalog rule (36-40), or changed an ID since --previous',
    fix: 'Fix each reported problem at its location; the rule is named in brackets.',
  },
  BG_MODEL_DUPLICATE_OPERATION_ID: {
    title: 'Two operations share one operationId',
    fix: 'Give every operation a unique operationId.',
  },
  BG_MODEL_UNSUPPORTED: {
    title: 'The spec uses a construct the model cannot represent',
    fix: 'Rewrite the reported construct as the hint says.',
  },
  BG_MODEL_OSB_SELECTION: {
    title: 'The chosen OSB version or profile does not fit the spec',
    fix: 'Choose an OSB version the spec lists in x-osb-versions, or a broker spec.',
  },
  BG_MODEL_MISSING_OPERATION_ID: {
    title: 'An operation has no operationId, so one was made from its method and path',
    fix: 'Give the operation an operationId, so its generated name survives a change of path.',
  },
  BG_NAMING_RENAMED: {
    title: 'A name from the spec was changed to make a valid, unique identifier',
    fix: 'Rename the spec element as reported, or accept the generated name.',
  },
  BG_NAMING_INVALID: {
    title: 'A name from the spec cannot be turned into a TypeScript identifier',
    fix: 'Rename the spec element so that it contains at least one letter or digit.',
  },
  BG_TEMPLATE_RENDER: {
    title: 'A template failed to render',
    fix: 'This is a bug in a template or its view; report it with the spec that triggers it.',
  },
  BG_EMIT_FORMAT: {
    title: 'Generated code could not be formatted',
    fix: 'This is a bug in a target; report it with the spec that triggers it.',
  },
  BG_EMIT_PATH_ESCAPE: {
    title: 'A planned file lies outside the output directory',
    fix: 'Choose an output directory that contains every generated file.',
  },
  BG_EMIT_WRITE: {
    title: 'A generated file could not be written',
    fix: 'Check that the output directory is writable and the disk has room.',
  },
  BG_EMIT_MANIFEST: {
    title: 'The manifest in .brokergen/ cannot be read',
    fix: 'Restore .brokergen/manifest.json from version control, or delete it to merge without a base.',
  },
  BG_EMIT_EDITED_GENERATED: {
    title: 'A generated file had been edited by hand; the edits were replaced',
    fix: 'Move hand-written code into the user-owned files, which brokergen merges instead of replacing.',
  },
  BG_EMIT_STALE_KEPT: {
    title: 'A file the spec no longer produces was kept because it was edited or is yours',
    fix: 'Delete the file if you no longer need it.',
  },
  BG_EMIT_TYPECHECK: {
    title: 'After regeneration, user code no longer type-checks',
    fix: 'Update the reported handler code to the new types from the spec.',
  },
  BG_MERGE_CONFLICT: {
    title: 'You and the generator changed the same declaration; your version was kept',
    fix: 'Compare your version with the generated one (shown by --dry-run) and reconcile them by hand.',
  },
  BG_MERGE_DEPRECATED: {
    title: 'An operation left the spec; its method was kept and marked @deprecated',
    fix: 'Move any code you still need out of the method, then delete it.',
  },
  BG_MERGE_KEPT_USER_VERSION: {
    title:
      'The generator wanted to add or change a declaration you had written or deleted; yours was kept',
    fix: 'Check that your version still does what the spec asks.',
  },
  BG_MERGE_UNPARSEABLE: {
    title: 'A user file does not parse, so it was left untouched',
    fix: 'Fix the syntax error and run generate again to merge the changes.',
  },
  BG_MERGE_GENERATED_UNPARSEABLE: {
    title: 'The newly generated text of a user-owned file does not parse, so it cannot be merged',
    fix: 'This is a bug in a template; report it with the spec that triggers it.',
  },
  BG_MERGE_FAILED: {
    title: 'Merging a user file went wrong (overlapping edits, or a result that does not parse)',
    fix: 'This is a bug in the merge; nothing was written. Report it with your file and the spec.',
  },
  BG_CONFIG_INVALID: {
    title: 'brokergen.config.json cannot be read or has a field of the wrong kind',
    fix: 'Fix the field the pointer names; paths are relative to the configuration file.',
  },
  BG_NEW_NOT_EMPTY: {
    title: 'brokergen new was given a folder that is not empty (or is a file)',
    fix: 'Choose a new folder, or add --force to add the project to it without replacing any file.',
  },
  BG_NEW_INVALID_NAME: {
    title: 'The project name is not a valid npm package name',
    fix: 'Give a lowercase name with --name, such as my-broker or @acme/my-broker.',
  },
  BG_NEW_INSTALL_FAILED: {
    title: 'npm install failed in the new project',
    fix: 'The project is in place: fix what npm reported, then run npm install in it.',
  },
  BG_CLI_USAGE: {
    title: 'The command line is incomplete or contradictory',
    fix: 'Run the command with --help to see its options and examples.',
  },
  BG_CLI_UNKNOWN_TARGET: {
    title: 'An unknown --target was given',
    fix: 'Pick one of the targets listed by `brokergen generate --help`.',
  },
  BG_CLI_NOT_A_BROKER: {
    title:
      'The spec does not describe an OSB broker (it has no x-osb-versions), so it cannot be mocked as one',
    fix: 'Give a broker spec, such as the curated spec/open-service-broker.yaml (the default of `brokergen mock`).',
  },
  BG_CLI_INVALID_FAILURE: {
    title:
      'A --fail names an unknown operation, a share outside 0..1, or an operation already named',
    fix: 'Write --fail <operation>[:<share>] once per operation: provision, update, deprovision, bind or unbind, and a share from 0 to 1.',
  },
  BG_MOCK_LOAD: {
    title: 'The mock broker could not be built from the generated server',
    fix: 'Reinstall brokergen if its files are missing; otherwise this is a bug: report it with the spec and catalog.',
  },
  BG_MOCK_LISTEN: {
    title: 'The mock broker cannot listen on the host and port',
    fix: 'Choose another --port (0 picks a free one) or --host, or stop the process that uses the port.',
  },
} as const satisfies Record<string, { title: string; fix: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Where a problem is: the file, and inside it a line, column and JSON pointer when known. */
export interface SourceLocation {
  file: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
  /** RFC 6901 JSON pointer into the document, starting with `#`. */
  pointer?: string;
}

export type Severity = 'error' | 'warning';

/** One problem found in the input; lint collects many before failing. */
export interface Diagnostic {
  code: ErrorCode;
  severity: Severity;
  message: string;
  hint?: string;
  /** The lint rule behind the problem, when a linter found it. */
  rule?: string;
  location?: SourceLocation;
}

export interface BrokergenErrorOptions {
  hint?: string;
  location?: SourceLocation;
  cause?: unknown;
}

/** The base of every error brokergen throws on purpose; anything else is a bug. */
export class BrokergenError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly location: SourceLocation | undefined;

  constructor(code: ErrorCode, message: string, options: BrokergenErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
    this.location = options.location;
  }

  /** The error as diagnostics, the shape the CLI prints. */
  toDiagnostics(): Diagnostic[] {
    return [
      {
        code: this.code,
        severity: 'error',
        message: this.message,
        ...(this.hint === undefined ? {} : { hint: this.hint }),
        ...(this.location === undefined ? {} : { location: this.location }),
      },
    ];
  }
}

/** A problem with the spec document: missing, unparsable, unsupported, or invalid. */
export class SpecError extends BrokergenError {}

/** Several problems found in one pass over a spec; thrown only after all were collected. */
export class SpecDiagnosticsError extends SpecError {
  readonly diagnostics: readonly Diagnostic[];

  constructor(file: string, diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    super('BG_SPEC_INVALID', `${file} has ${errors} ${errors === 1 ? 'problem' : 'problems'}`, {
      location: { file },
    });
    this.diagnostics = diagnostics;
  }

  override toDiagnostics(): Diagnostic[] {
    return [...this.diagnostics];
  }
}

/** The spec is valid OpenAPI but cannot be turned into the model. */
export class ModelError extends BrokergenError {}

/** Spec text could not become a safe identifier. */
export class NamingError extends BrokergenError {}

/** Rendering, formatting or writing the output failed. */
export class EmitError extends BrokergenError {}

/** The command line is wrong: exit code 2. */
export class UsageError extends BrokergenError {}

/** Whether a thrown value is one of ours (a user-facing problem) rather than a bug. */
export function isBrokergenError(value: unknown): value is BrokergenError {
  return value instanceof BrokergenError;
}

/** Appends a reference token to a JSON pointer, escaping `~` and `/` (RFC 6901). */
export function appendPointer(pointer: string, ...tokens: ReadonlyArray<string | number>): string {
  let result = pointer;
  for (const token of tokens) {
    result += '/' + String(token).replaceAll('~', '~0').replaceAll('/', '~1');
  }
  return result;
}
