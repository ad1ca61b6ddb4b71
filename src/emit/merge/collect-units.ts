import type { ClassDeclaration, Node, SourceFile } from 'ts-morph';
import type { TsMorph } from './load-ts-morph.js';

/** A range `[start, end)` of a text. */
export interface Span {
  start: number;
  end: number;
}

/** What a unit is, in the words messages use ("this method is kept ..."). */
export type UnitKind =
  | 'import'
  | 'class'
  | 'function'
  | 'interface'
  | 'type'
  | 'enum'
  | 'namespace'
  | 'variable'
  | 'statement'
  | 'method'
  | 'property'
  | 'constructor'
  | 'accessor'
  | 'member';

/**
 * The merge works on units: the top-level statements of a file and the members of its classes,
 * each found in the other versions by its key (kind and name).
 */
export interface Unit {
  /** `method:provisionServiceInstance`; a repeated key (overloads) gets `#2`, `#3`, ... */
  key: string;
  /** The unit's own name, as messages show it: `provisionServiceInstance`. */
  name: string;
  /** Its name qualified by its class: `ServiceInstancesService.provisionServiceInstance`. */
  symbol: string;
  kind: UnitKind;
  /** The declaration with its JSDoc: the text compared between versions and replaced. */
  span: Span;
  /** Where the declaration proper starts, after its JSDoc; findings point here. */
  declStart: number;
  /** The declaration with all its leading comments and its same-line trailing comment. */
  copy: Span;
  /** For function-likes with a body and for classes: the part before the body, JSDoc included. */
  head?: Span;
  /** For function-likes with a body: the braces and what is between them. */
  body?: Span;
  /** For classes: the members, the end of `{` and the start of `}`. */
  members?: UnitList;
  /** The JSDoc comment closest to the declaration, if any. */
  jsDoc?: Span;
}

/** The units of one container (a file or a class body). */
export interface UnitList {
  units: Unit[];
  /** Where the container's content starts: after the file header, or after a class's `{`. */
  open: number;
  /** Where the container's content ends: the end of the file, or a class's `}`. */
  close: number;
}

/** The top-level units of a file whose generator header ends at `headerEnd`. */
export function collectFileUnits(tm: TsMorph, file: SourceFile, headerEnd: number): UnitList {
  const units = file.getStatements().map((statement) => collectStatement(tm, statement, headerEnd));
  return { units: withUniqueKeys(joinOverloads(units)), open: headerEnd, close: file.getEnd() };
}

function collectStatement(tm: TsMorph, node: Node, floor: number): Unit {
  const { Node } = tm;
  if (Node.isImportDeclaration(node)) {
    const specifier = node.getModuleSpecifierValue();
    const key = `import:${specifier}${node.isTypeOnly() ? ':type' : ''}`;
    return makeUnit(tm, node, { key, name: specifier, symbol: specifier, kind: 'import' }, floor);
  }
  if (Node.isClassDeclaration(node)) return collectClass(tm, node, floor);
  if (Node.isFunctionDeclaration(node)) {
    const name = node.getName() ?? 'default';
    const unit = makeUnit(
      tm,
      node,
      { key: `function:${name}`, name, symbol: name, kind: 'function' },
      floor,
    );
    return withBody(unit, node.getBody());
  }
  const named = namedKind(tm, node);
  if (named !== undefined) {
    const [kind, name] = named;
    return makeUnit(tm, node, { key: `${kind}:${name}`, name, symbol: name, kind }, floor);
  }
  const name = firstLine(node.getText());
  const key = `statement:${node.getKindName()}:${name}`;
  return makeUnit(tm, node, { key, name, symbol: name, kind: 'statement' }, floor);
}

function namedKind(tm: TsMorph, node: Node): [UnitKind, string] | undefined {
  const { Node } = tm;
  if (Node.isInterfaceDeclaration(node)) return ['interface', node.getName()];
  if (Node.isTypeAliasDeclaration(node)) return ['type', node.getName()];
  if (Node.isEnumDeclaration(node)) return ['enum', node.getName()];
  if (Node.isModuleDeclaration(node)) return ['namespace', node.getName()];
  if (Node.isVariableStatement(node)) {
    return [
      'variable',
      node
        .getDeclarations()
        .map((declaration) => declaration.getName())
        .join(','),
    ];
  }
  return undefined;
}

function collectClass(tm: TsMorph, node: ClassDeclaration, floor: number): Unit {
  const { SyntaxKind } = tm;
  const name = node.getName() ?? 'default';
  const unit = makeUnit(
    tm,
    node,
    { key: `class:${name}`, name, symbol: name, kind: 'class' },
    floor,
  );
  const open = node.getFirstChildByKindOrThrow(SyntaxKind.OpenBraceToken).getEnd();
  const close = node.getLastChildByKindOrThrow(SyntaxKind.CloseBraceToken).getStart();
  const members = node
    .getChildSyntaxListOrThrow()
    .getChildren()
    .filter((child) => !isComment(tm, child))
    .map((member) => collectMember(tm, member, name, open));
  unit.head = { start: unit.span.start, end: open };
  unit.members = { units: withUniqueKeys(joinOverloads(members)), open, close };
  return unit;
}

function collectMember(tm: TsMorph, node: Node, className: string, floor: number): Unit {
  const { Node } = tm;
  const unit = (kind: UnitKind, key: string, name: string): Unit =>
    makeUnit(tm, node, { key, name, symbol: `${className}.${name}`, kind }, floor);
  const prefix = Node.isStaticable(node) && node.isStatic() ? 'static ' : '';
  if (Node.isMethodDeclaration(node)) {
    const name = node.getName();
    return withBody(unit('method', `method:${prefix}${name}`, name), node.getBody());
  }
  if (Node.isConstructorDeclaration(node)) {
    return withBody(unit('constructor', 'constructor', 'constructor'), node.getBody());
  }
  if (Node.isGetAccessorDeclaration(node) || Node.isSetAccessorDeclaration(node)) {
    const name = node.getName();
    const verb = Node.isGetAccessorDeclaration(node) ? 'get' : 'set';
    return withBody(unit('accessor', `${verb}:${prefix}${name}`, name), node.getBody());
  }
  if (Node.isPropertyDeclaration(node)) {
    const name = node.getName();
    return unit('property', `property:${prefix}${name}`, name);
  }
  const name = firstLine(node.getText());
  return unit('member', `member:${node.getKindName()}:${name}`, name);
}

function makeUnit(
  tm: TsMorph,
  node: Node,
  identity: Pick<Unit, 'key' | 'name' | 'symbol' | 'kind'>,
  floor: number,
): Unit {
  const start = node.getStart(true);
  const end = node.getEnd();
  const leading = node.getLeadingCommentRanges().filter((range) => range.getPos() >= floor);
  const trailing = node.getTrailingCommentRanges();
  const jsDoc = tm.Node.isJSDocable(node) ? node.getJsDocs().at(-1) : undefined;
  return {
    ...identity,
    span: { start, end },
    declStart: node.getStart(),
    copy: {
      start: Math.min(start, leading[0]?.getPos() ?? start),
      end: trailing.at(-1)?.getEnd() ?? end,
    },
    ...(jsDoc === undefined ? {} : { jsDoc: { start: jsDoc.getStart(), end: jsDoc.getEnd() } }),
  };
}

function withBody(unit: Unit, body: Node | undefined): Unit {
  if (body === undefined) return unit;
  const start = body.getStart();
  return {
    ...unit,
    head: { start: unit.span.start, end: start },
    body: { start, end: body.getEnd() },
  };
}

function isComment(tm: TsMorph, node: Node): boolean {
  const kind = node.getKind();
  return (
    kind === tm.SyntaxKind.SingleLineCommentTrivia || kind === tm.SyntaxKind.MultiLineCommentTrivia
  );
}

/** The first line of a statement, whitespace collapsed: the key of a statement without a name. */
function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Joins overload signatures to the implementation after them: together they are one function,
 * whose signature is every overload and whose body is the implementation's. Kept apart, adding
 * an overload would shift them and pair an implementation with a signature.
 */
function joinOverloads(units: readonly Unit[]): Unit[] {
  const joined: Unit[] = [];
  for (const unit of units) {
    const previous = joined.at(-1);
    const overloadable =
      unit.kind === 'function' || unit.kind === 'method' || unit.kind === 'constructor';
    if (!overloadable || previous?.key !== unit.key || previous.body !== undefined) {
      joined.push(unit);
      continue;
    }
    joined[joined.length - 1] = {
      ...unit,
      span: { start: previous.span.start, end: unit.span.end },
      declStart: previous.declStart,
      copy: { start: previous.copy.start, end: unit.copy.end },
      ...(unit.head === undefined
        ? {}
        : { head: { start: previous.span.start, end: unit.head.end } }),
      ...(previous.jsDoc === undefined ? {} : { jsDoc: previous.jsDoc }),
    };
  }
  return joined;
}

/** Numbers repeated keys in order of appearance, so overloads and twins pair up by position. */
function withUniqueKeys(units: Unit[]): Unit[] {
  const seen = new Map<string, number>();
  return units.map((unit) => {
    const count = (seen.get(unit.key) ?? 0) + 1;
    seen.set(unit.key, count);
    return count === 1 ? unit : { ...unit, key: `${unit.key}#${count}` };
  });
}

/** The text of a span. */
export function textOf(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

/** Units by key. */
export function byKey(list: UnitList | undefined): Map<string, Unit> {
  return new Map((list?.units ?? []).map((unit) => [unit.key, unit]));
}
