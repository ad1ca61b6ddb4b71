import type { ImportBinding } from './read-imports.js';
import { PRINT_WIDTH } from '../format-code.js';

/** What an import declaration is rendered from. */
export interface ImportParts {
  typeOnly: boolean;
  bindings: readonly ImportBinding[];
  /** The module specifier with its quotes, and what follows it (`;`, import attributes). */
  specifierText: string;
  tail: string;
}

/**
 * An import declaration as prettier would print it: named imports on one line when the
 * declaration fits in 100 columns, otherwise one per line with a trailing comma. `multiline`
 * keeps the one-per-line layout the user chose for a declaration they edited.
 */
export function renderImport(parts: ImportParts, multiline: boolean): string {
  const named = parts.bindings.filter((binding) => binding.form === 'named').map((b) => b.text);
  const clause = parts.bindings
    .filter((binding) => binding.form !== 'named')
    .map((binding) => (binding.form === 'namespace' ? `* as ${binding.text}` : binding.text));
  const head = `import ${parts.typeOnly ? 'type ' : ''}`;
  const end = ` from ${parts.specifierText}${parts.tail}`;
  const line = (braces: string) =>
    `${head}${[...clause, ...(named.length === 0 ? [] : [braces])].join(', ')}${end}`;
  const single = line(`{ ${named.join(', ')} }`);
  if (named.length === 0 || (!multiline && single.length <= PRINT_WIDTH)) return single;
  return line(`{\n${named.map((text) => `  ${text},`).join('\n')}\n}`);
}
