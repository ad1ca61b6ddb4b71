import { TrustedCode } from '../../emit/index.js';
import { toStringLiteral } from '../../emit/template-helpers.js';
import type { ApiModel, ModelOperation } from '../../model/index.js';
import { keepsSingleQuotes, overflows, toDocText } from '../output-layout.js';
import type { DocText } from '../output-layout.js';
import { formatJson } from './format-json.js';
import { buildMockDocument, defaultStatusOf } from './mock-document.js';

/** Everything `templates/mocks/handlers.ts.hbs` prints about one operation. */
export interface MockOperationView {
  /** The operation's key in the mock spec and in `MockReplies`: its operationId in camelCase. */
  key: string;
  operationId: string;
  path: string;
  /** Lower case, as `paths` of types.ts is keyed. */
  method: string;
  httpMethod: string;
  /** A numeric literal type, or `number` when no response is declared for exactly that status. */
  defaultStatusType: TrustedCode;
  defaultStatus: string;
  summary: string;
  hasSummary: boolean;
  deprecated: boolean;
  /** The summary and the path a line at a time, for the JSDoc block. */
  summaryDoc: DocText;
  pathDoc: DocText;
  /** Whether prettier breaks the operation's `Reply<…>` type a type argument a line. */
  replyTypeBreaks: boolean;
}

/** Everything the mocks' templates print. */
export interface MocksView {
  title: string;
  hasOperations: boolean;
  /** In the spec's order. */
  operations: MockOperationView[];
  /**
   * Whether prettier prints the string literals of `handlers.ts` as its template does; if not,
   * the file is formatted whole (see output-layout.ts).
   */
  keepsLiterals: boolean;
  /** The mock document as JSON text, for `spec.ts`. */
  specJson: string;
}

/** Builds the view of `mocks/handlers.ts` and `mocks/spec.ts` from the model. */
export function buildMocksView(model: ApiModel): MocksView {
  // Keys are the operations' method names (operationIds in camelCase, unique and safe), the
  // names the client gives its functions, so an override reads like the call it answers.
  const keys = model.operations.map((operation) => operation.methodName);
  const operations = model.operations.map((operation, index) =>
    buildOperationView(operation, keys[index] ?? ''),
  );
  return {
    title: model.title,
    hasOperations: operations.length > 0,
    operations,
    keepsLiterals: operations.every(
      (operation) => keepsSingleQuotes(operation.path) && keepsSingleQuotes(operation.method),
    ),
    specJson: formatJson(buildMockDocument(model, keys)),
  };
}

function buildOperationView(operation: ModelOperation, key: string): MockOperationView {
  const { status, exact } = defaultStatusOf(operation);
  const statusType = exact ? String(status) : 'number';
  const reply = `Reply<${toStringLiteral(operation.path)}, ${toStringLiteral(operation.method)}, ${statusType}>`;
  return {
    key,
    operationId: operation.operationId,
    path: operation.path,
    method: operation.method,
    httpMethod: operation.method.toUpperCase(),
    defaultStatusType: new TrustedCode(statusType),
    defaultStatus: String(status),
    summary: operation.summary ?? '',
    hasSummary: operation.summary !== undefined,
    deprecated: operation.deprecated,
    summaryDoc: toDocText(operation.summary ?? ''),
    pathDoc: toDocText(operation.path),
    replyTypeBreaks: overflows(`  ${key}: ${reply};`),
  };
}
