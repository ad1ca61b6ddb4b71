import { toStringLiteral } from '../../emit/template-helpers.js';
import { keepsPropertyKey, keepsSingleQuotes, overflows } from '../output-layout.js';

/**
 * How the server's templates in the output style lay out what prettier breaks by width. Each
 * function measures the construct as its template prints it flat (names through the same
 * escaping as the template's helpers) and says whether prettier breaks it; the template prints
 * the broken form prettier makes then. A construct said to fit is printed flat, and emit hands
 * its statement to prettier when a line is too wide after all (see output-layout.ts).
 */

/** What the layout of an operation's types depends on: the names its templates print. */
export interface OperationNames {
  methodName: string;
  operationType: string;
  headersType: string;
  requestType: string;
  replyType: string;
  path: string;
  method: string;
  hasBody: boolean;
  bodyOptional: boolean;
  bodyMediaType: string;
  replies: ReadonlyArray<{
    status: string;
    statusKey: string;
    hasBody: boolean;
    mediaType: string;
  }>;
}

/** Where prettier breaks the declarations of one operation in `handlers.ts` and its handler class. */
export interface OperationLayout {
  /** `type …Operation =` then `paths[…][…];` on the next line. */
  operationTypeBreaks: boolean;
  /** `NonNullable<` … `>` around the headers type, over three lines. */
  headersTypeBreaks: boolean;
  /** `query: NonNullable<` … `>` over three lines. */
  queryBreaks: boolean;
  /**
   * `NonNullable<` … `>['content'][…]` over three lines: after `body: ` (a required body), or
   * as the first member of a broken `… | undefined` (an optional one).
   */
  bodyBreaks: boolean;
  /** An optional body's `… | undefined` on the line after `body:`. */
  bodyOnNextLine: boolean;
  /** An optional body's `… | undefined` after `body:`, a member a line. */
  bodyUnionBreaks: boolean;
  /** The reply type on the line of its name. */
  replyOnOneLine: boolean;
  /** A union of replies on the line after its name. */
  replyOnNextLine: boolean;
  /** A single reply too wide for the line of its name: its object type over lines. */
  replyObjectBreaks: boolean;
  /** Whether each reply of a broken reply type takes lines of its own, in the spec's order. */
  repliesExpanded: boolean[];
  /** The method of `Handlers` with its parameter on a line of its own. */
  signatureBreaks: boolean;
  /** The method of the handler class with its parameter on a line of its own. */
  methodBreaks: boolean;
}

/** Lays out one operation's declarations as prettier would. */
export function layOutOperation(names: OperationNames): OperationLayout {
  const str = toStringLiteral;
  const operation = names.operationType;
  const body = `NonNullable<${operation}['requestBody']>['content'][${str(names.bodyMediaType)}]`;
  const replies = names.replies.map((reply) => {
    const replyBody = reply.hasBody
      ? ` body: ${operation}['responses'][${str(reply.statusKey)}]['content'][${str(reply.mediaType)}];`
      : '';
    return `{ status: ${reply.status};${replyBody} headers?: ReplyHeaders }`;
  });
  const union = replies.join(' | ');
  // An optional body is a union with `undefined`, laid out as the reply union is, a line lower.
  const optional = names.hasBody && names.bodyOptional;
  const bodyOnOneLine = !overflows(`  body: ${body}${optional ? ' | undefined' : ''};`);
  const bodyOnNextLine = optional && !bodyOnOneLine && !overflows(`    ${body} | undefined;`);
  const bodyUnionBreaks = optional && !bodyOnOneLine && !bodyOnNextLine;
  const replyOnOneLine = !overflows(`export type ${names.replyType} = ${union};`);
  // Prettier breaks a single reply inside its braces, and a union first after the `=`.
  const replyOnNextLine = !replyOnOneLine && replies.length > 1 && !overflows(`  ${union};`);
  const broken = !replyOnOneLine && !replyOnNextLine && replies.length > 1;
  const signature = `${names.methodName}(request: ${names.requestType}): Promise<${names.replyType}>`;
  return {
    operationTypeBreaks: overflows(
      `type ${operation} = paths[${str(names.path)}][${str(names.method)}];`,
    ),
    headersTypeBreaks: overflows(
      `type ${names.headersType} = NonNullable<${operation}['parameters']['header']>;`,
    ),
    queryBreaks: overflows(`  query: NonNullable<${operation}['parameters']['query']>;`),
    bodyBreaks: optional
      ? bodyUnionBreaks && overflows(`    | ${body}`)
      : names.hasBody && !bodyOnOneLine,
    bodyOnNextLine,
    bodyUnionBreaks,
    replyOnOneLine,
    replyOnNextLine,
    replyObjectBreaks: !replyOnOneLine && replies.length === 1,
    repliesExpanded: replies.map(
      (reply, index) =>
        broken && overflows(`  | ${reply}${index === replies.length - 1 ? ';' : ''}`),
    ),
    signatureBreaks: overflows(`  ${signature};`),
    methodBreaks: overflows(`  async ${signature} {`),
  };
}

/** Where prettier breaks what a tag's handlers print: `Pick<Handlers, …>` and the import list. */
export interface GroupLayout {
  /** `Pick<` with `Handlers,` and the names on lines of their own. */
  pickBreaks: boolean;
  /** The names of a broken `Pick` a line each. */
  pickNamesBreak: boolean;
  /** The handler class's imports a line each. */
  importsBreak: boolean;
}

/** Lays out a tag's `Pick` type and its handler class's imports as prettier would. */
export function layOutGroup(
  interfaceName: string,
  methodNames: readonly string[],
  imports: readonly string[],
  handlersModule: string,
): GroupLayout {
  const names = methodNames.map((name) => toStringLiteral(name)).join(' | ');
  const pickBreaks = overflows(`export type ${interfaceName} = Pick<Handlers, ${names}>;`);
  return {
    pickBreaks,
    pickNamesBreak: pickBreaks && methodNames.length > 1 && overflows(`  ${names}`),
    importsBreak: overflows(
      `import type { ${imports.join(', ')} } from ${toStringLiteral(handlersModule)};`,
    ),
  };
}

/**
 * Whether prettier prints every string literal and property key of an operation's declarations
 * as the templates do (see keepsSingleQuotes): when one differs, `handlers.ts` is formatted whole.
 */
export function keepsLiterals(
  names: OperationNames,
  headers: ReadonlyArray<{ key: string; name: string }>,
): boolean {
  const texts = [
    names.path,
    names.method,
    names.bodyMediaType,
    ...names.replies.flatMap((reply) => [reply.statusKey, reply.mediaType]),
    ...headers.map((header) => header.name),
  ];
  return texts.every(keepsSingleQuotes) && headers.every((header) => keepsPropertyKey(header.key));
}
