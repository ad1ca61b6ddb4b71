import type { ImportDeclaration, SourceFile, ts } from 'ts-morph';
import type { TsMorph } from './load-ts-morph.js';

/** One name an import declaration binds. */
export interface ImportBinding {
  /** The local name, which identifies the binding within its module. */
  local: string;
  form: 'named' | 'default' | 'namespace';
  /** Its text: `A`, `type A` or `A as B` inside braces; the local name otherwise. */
  text: string;
}

/** An import declaration, read for merging. */
export interface ImportInfo {
  /** As in collect-units: `import:<specifier>`, with `:type` for `import type`. */
  key: string;
  specifier: string;
  typeOnly: boolean;
  bindings: ImportBinding[];
  /** The declaration's text and where it is. */
  text: string;
  start: number;
  end: number;
  /** The module specifier as written, quotes included, and what follows it (`;`, attributes). */
  specifierText: string;
  tail: string;
  /** Whether the named imports are written over several lines. */
  multiline: boolean;
}

/** The import declarations of a file, in order. */
export function readImports(file: SourceFile): ImportInfo[] {
  const seen = new Map<string, number>();
  return file.getImportDeclarations().map((node) => {
    const info = readImport(node);
    const count = (seen.get(info.key) ?? 0) + 1;
    seen.set(info.key, count);
    return count === 1 ? info : { ...info, key: `${info.key}#${count}` };
  });
}

function readImport(node: ImportDeclaration): ImportInfo {
  const bindings: ImportBinding[] = [];
  const defaultImport = node.getDefaultImport()?.getText();
  if (defaultImport !== undefined) {
    bindings.push({ local: defaultImport, form: 'default', text: defaultImport });
  }
  const namespace = node.getNamespaceImport()?.getText();
  if (namespace !== undefined)
    bindings.push({ local: namespace, form: 'namespace', text: namespace });
  for (const specifier of node.getNamedImports()) {
    const local = specifier.getAliasNode()?.getText() ?? specifier.getName();
    bindings.push({ local, form: 'named', text: specifier.getText() });
  }
  const specifierNode = node.getModuleSpecifier();
  const typeOnly = node.isTypeOnly();
  const specifier = node.getModuleSpecifierValue();
  const named = node.getImportClause()?.getNamedBindings()?.getText() ?? '';
  return {
    key: `import:${specifier}${typeOnly ? ':type' : ''}`,
    specifier,
    typeOnly,
    bindings,
    text: node.getText(),
    start: node.getStart(),
    end: node.getEnd(),
    specifierText: specifierNode.getText(),
    tail: node.getText().slice(specifierNode.getEnd() - node.getStart()),
    multiline: named.includes('\n'),
  };
}

/**
 * The identifiers a file uses outside its imports: an import whose local name is not among them
 * is unused. Names that only label a property or member (`a.name`, `{ name: 1 }`, `name() {}`)
 * are not uses. Walks compiler nodes, not wrapped ones, since it visits every node of the file.
 */
export function readReferencedNames(tm: TsMorph, file: SourceFile): Set<string> {
  const { ts } = tm;
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && !isLabel(tm, node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  for (const statement of file.compilerNode.statements) {
    if (!ts.isImportDeclaration(statement)) visit(statement);
  }
  return names;
}

function isLabel(tm: TsMorph, node: ts.Identifier): boolean {
  const { ts } = tm;
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent)) return parent.name === node;
  const named =
    ts.isPropertyAssignment(parent) ||
    ts.isPropertyDeclaration(parent) ||
    ts.isPropertySignature(parent) ||
    ts.isMethodDeclaration(parent) ||
    ts.isMethodSignature(parent) ||
    ts.isGetAccessorDeclaration(parent) ||
    ts.isSetAccessorDeclaration(parent);
  return named && parent.name === node;
}
