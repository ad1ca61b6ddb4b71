import { ModelError } from '../errors.js';
import type { Diagnostic, ErrorCode } from '../errors.js';
import { NameScope } from '../naming.js';
import type { NameRename } from '../naming.js';
import type { LoadedSpec } from '../spec/spec-document.js';
import type { RefTarget } from './resolve-ref.js';

/**
 * The state of one buildModel run: the spec, the warnings collected so far, and the caches
 * and name scopes that must not outlive the run.
 */
export interface BuildContext {
  readonly spec: LoadedSpec;
  readonly warnings: Diagnostic[];
  /** `code pointer` of each warning given, so a shared component warns once. */
  readonly warned: Set<string>;
  /** Component schema name → its typeName; filled before any operation is built. */
  readonly schemaTypeNames: Map<string, string>;
  /** Component schema type names are unique across the API. */
  readonly schemaTypeNameScope: NameScope;
  /** Method names are unique across the API. */
  readonly methodNames: NameScope;
  /** `$ref` → its target; see resolvePointer. */
  readonly refTargets: Map<string, RefTarget>;
  /** Inline schemas being walked, to reject a schema that contains itself (YAML aliases). */
  readonly inlineSchemasInProgress: Set<object>;
}

/** A fresh context for one run over `spec`. */
export function createBuildContext(spec: LoadedSpec): BuildContext {
  return {
    spec,
    warnings: [],
    warned: new Set(),
    schemaTypeNames: new Map(),
    schemaTypeNameScope: new NameScope(),
    methodNames: new NameScope(),
    refTargets: new Map(),
    inlineSchemasInProgress: new Set(),
  };
}

/** A coded error located at `pointer`. */
export function createModelError(
  ctx: BuildContext,
  code: ErrorCode,
  pointer: string,
  message: string,
  hint?: string,
): ModelError {
  return new ModelError(code, message, {
    location: ctx.spec.locate(pointer),
    ...(hint === undefined ? {} : { hint }),
  });
}

/** Records a warning at `pointer`, once per code and pointer. */
export function addWarning(
  ctx: BuildContext,
  code: ErrorCode,
  pointer: string,
  message: string,
  hint?: string,
): void {
  const key = `${code} ${pointer}`;
  if (ctx.warned.has(key)) return;
  ctx.warned.add(key);
  ctx.warnings.push({
    code,
    severity: 'warning',
    message,
    ...(hint === undefined ? {} : { hint }),
    location: ctx.spec.locate(pointer),
  });
}

const RENAME_HINTS: Readonly<Record<NameRename['reason'], string>> = {
  collision: 'Another name in the same scope turns into the same identifier.',
  reserved: 'The name is a reserved word or a global that generated code uses.',
  'leading-digit': 'Identifiers cannot start with a digit.',
  fallback: 'The name has no ASCII letter or digit.',
};

/**
 * Calls `assign` on `scope` and reports the rename it made, if any, as BG_NAMING_RENAMED.
 * @throws NamingError BG_NAMING_INVALID as `assign` does.
 */
export function assignName(
  ctx: BuildContext,
  scope: NameScope,
  pointer: string,
  assign: (scope: NameScope) => string,
): string {
  const before = scope.renames.length;
  const name = assign(scope);
  const rename = scope.renames[before];
  if (rename !== undefined) {
    addWarning(
      ctx,
      'BG_NAMING_RENAMED',
      pointer,
      `${JSON.stringify(rename.original)} is named ${rename.assigned} in generated code`,
      RENAME_HINTS[rename.reason],
    );
  }
  return name;
}
