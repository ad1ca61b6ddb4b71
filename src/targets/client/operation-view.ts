import { TrustedCode } from '../../emit/index.js';
import { toStringLiteral } from '../../emit/template-helpers.js';
import type {
  MediaContent,
  ModelOperation,
  ModelParameter,
  ModelResponse,
} from '../../model/index.js';
import { toPropertyKey, toTypeName } from '../../naming.js';
import type { NameScope } from '../../naming.js';
import { overflows } from '../output-layout.js';

/** How the runtime reads a success body (`BodyFormat` in `src/runtime/client/media-type.ts`). */
export type BodyFormat = 'json' | 'text' | 'blob' | 'none';

/** One header parameter of an input type. */
export interface HeaderView {
  key: TrustedCode;
  name: string;
  /** Required by the spec and not one the client sends itself. */
  required: boolean;
}

/** A parameter serialised other than by OpenAPI's defaults. */
export interface EncodingView {
  name: string;
  location: string;
  hasStyle: boolean;
  style: string;
  hasExplode: boolean;
  explode: boolean;
  allowReserved: boolean;
  json: boolean;
}

/** One declared success status: its type in the result union, and how its body is read. */
export interface SuccessView {
  /** A numeric literal type, or `number` for a range such as `2XX`. */
  status: TrustedCode;
  /** The key of `responses` as written, for indexing the operation's type. */
  statusKey: string;
  /** The key in the runtime descriptor: the status, or the range in upper case. */
  descriptorKey: string;
  format: BodyFormat;
  isJson: boolean;
  isText: boolean;
  isBlob: boolean;
  /** Any 2xx when the spec declares no success: its body is `unknown`. */
  isUnknown: boolean;
  mediaType: string;
  /** The body's type as the result type prints it. */
  bodyType: TrustedCode;
  /** In a result union broken a member a line: whether this member's object type takes lines. */
  expanded: boolean;
}

/** A declared error status with a JSON body, for the operation's error type. */
export interface ErrorBodyView {
  statusKey: string;
  mediaType: string;
}

/** Everything `client.ts` prints about one operation. */
export interface ClientOperationView {
  operationId: string;
  functionName: string;
  operationType: string;
  /** `type …Operation =` then `paths[…][…];` on the next line, as prettier breaks it. */
  operationTypeBreaks: boolean;
  headersType: string;
  /** `NonNullable<` … `>` around the headers type, over three lines. */
  headersTypeBreaks: boolean;
  inputType: string;
  resultType: string;
  resultOnOneLine: boolean;
  resultOnNextLine: boolean;
  resultObjectBreaks: boolean;
  /** `ApiError<` … `>` over three lines, its type argument on the middle one. */
  errorBreaks: boolean;
  /** …and that argument, a union too wide for its line, a member a line. */
  errorMembersBreak: boolean;
  errorType: string;
  /** Whether any declaration refers to the `paths` entry (else it is not declared). */
  usesOperationType: boolean;
  method: string;
  httpMethod: string;
  path: string;
  summary: string;
  hasSummary: boolean;
  deprecated: boolean;
  hasPath: boolean;
  hasQuery: boolean;
  queryRequired: boolean;
  hasHeaders: boolean;
  headersRequired: boolean;
  headers: HeaderView[];
  hasCookies: boolean;
  cookiesRequired: boolean;
  hasBody: boolean;
  bodyRequired: boolean;
  bodyMediaType: string;
  /** The body may also be anything `fetch` sends as it is (a Blob, bytes, a stream). */
  bodyAcceptsRaw: boolean;
  /**
   * Whether the input type has any member: an empty interface is written `{}` on one line, as
   * prettier writes it.
   */
  hasInputMembers: boolean;
  inputOptional: boolean;
  hasEncodings: boolean;
  /**
   * Exactly one encoding: its array is written on one line, which prettier keeps when it fits
   * (an array of two or more objects it always breaks, one object a line).
   */
  hasOneEncoding: boolean;
  encodings: EncodingView[];
  hasAccept: boolean;
  accept: string;
  successes: SuccessView[];
  /** Whether the spec declares a success (else any 2xx is one). */
  hasDeclaredSuccess: boolean;
  hasErrorBodies: boolean;
  errorBodies: ErrorBodyView[];
}

/** Header names the client of an OSB spec sends itself, lower-cased. */
const BROKER_MANAGED_HEADERS = new Set([
  'x-broker-api-version',
  'x-broker-api-originating-identity',
  'x-broker-api-request-identity',
]);

/** Names the operation's function, then leaves its types for `nameOperationTypes`. */
export function nameOperationFunction(operation: ModelOperation, scope: NameScope): string {
  return scope.toMethodName(operation.methodName);
}

/**
 * Builds the view of one operation. `isBroker`: headers the client sends itself (version,
 * identities) become optional in the input.
 */
export function buildOperationView(
  operation: ModelOperation,
  functionName: string,
  scope: NameScope,
  isBroker: boolean,
): ClientOperationView {
  const base = toTypeName(functionName);
  const input = buildInputView(operation, isBroker);
  const operationType = scope.toTypeName(`${base}Operation`);
  const headersType = input.hasHeaders ? scope.toTypeName(`${base}Headers`) : '';
  const resultType = scope.toTypeName(`${base}Result`);
  const errorType = scope.toTypeName(`${base}Error`);
  const { successes, ...resultLayout } = layOutResult(
    resultType,
    buildSuccesses(operation.responses, operationType),
  );
  const errorBodies = operation.responses
    .filter((response) => !response.isSuccess && response.jsonContent !== undefined)
    .map((response) => ({
      statusKey: response.status,
      mediaType: response.jsonContent?.mediaType ?? '',
    }));
  const { path, query, header, cookie } = operation.parameters;
  const encodings = [...path, ...query, ...header, ...cookie].flatMap(buildEncoding);
  const accept = acceptOf(operation.responses);
  return {
    operationId: operation.operationId,
    functionName,
    operationType,
    operationTypeBreaks: overflows(
      `type ${operationType} = paths[${toStringLiteral(operation.path)}][${toStringLiteral(operation.method)}];`,
    ),
    headersType,
    headersTypeBreaks: overflows(
      `type ${headersType} = NonNullable<${operationType}['parameters']['header']>;`,
    ),
    inputType: scope.toTypeName(`${base}Input`),
    resultType,
    ...resultLayout,
    errorType,
    ...layOutError(errorType, operationType, errorBodies),
    // Declared only when something refers to it, so `noUnusedLocals` never trips on it.
    usesOperationType:
      input.hasPath ||
      input.hasQuery ||
      input.hasHeaders ||
      input.hasCookies ||
      input.hasBody ||
      errorBodies.length > 0 ||
      successes.some((success) => success.isJson),
    method: operation.method,
    httpMethod: operation.method.toUpperCase(),
    path: operation.path,
    summary: operation.summary ?? '',
    hasSummary: operation.summary !== undefined,
    deprecated: operation.deprecated,
    ...input,
    hasEncodings: encodings.length > 0,
    hasOneEncoding: encodings.length === 1,
    encodings,
    hasAccept: accept !== '',
    accept,
    successes,
    hasDeclaredSuccess: operation.responses.some((response) => response.isSuccess),
    hasErrorBodies: errorBodies.length > 0,
    errorBodies,
  };
}

/** The fields of the input type: what goes in the path, query, headers, cookies and body. */
type InputView = Pick<
  ClientOperationView,
  | 'hasPath'
  | 'hasQuery'
  | 'queryRequired'
  | 'hasHeaders'
  | 'headersRequired'
  | 'headers'
  | 'hasCookies'
  | 'cookiesRequired'
  | 'hasBody'
  | 'bodyRequired'
  | 'bodyMediaType'
  | 'bodyAcceptsRaw'
  | 'hasInputMembers'
  | 'inputOptional'
>;

function buildInputView(operation: ModelOperation, isBroker: boolean): InputView {
  const { path, query, header, cookie } = operation.parameters;
  const headers = header.map((parameter): HeaderView => {
    const managed = isBroker && BROKER_MANAGED_HEADERS.has(parameter.name.toLowerCase());
    return {
      key: new TrustedCode(toPropertyKey(parameter.name)),
      name: parameter.name,
      required: parameter.required && !managed,
    };
  });
  const body = operation.requestBody;
  const bodyContent = body?.jsonContent ?? body?.content[0];
  const queryRequired = query.some((parameter) => parameter.required);
  const headersRequired = headers.some((item) => item.required);
  const cookiesRequired = cookie.some((parameter) => parameter.required);
  const bodyRequired = bodyContent !== undefined && body?.required === true;
  return {
    hasPath: path.length > 0,
    hasQuery: query.length > 0,
    queryRequired,
    hasHeaders: header.length > 0,
    headersRequired,
    headers,
    hasCookies: cookie.length > 0,
    cookiesRequired,
    hasBody: bodyContent !== undefined,
    bodyRequired,
    bodyMediaType: bodyContent?.mediaType ?? '',
    bodyAcceptsRaw: bodyContent !== undefined && acceptsRawBody(bodyContent),
    hasInputMembers:
      path.length > 0 ||
      query.length > 0 ||
      header.length > 0 ||
      cookie.length > 0 ||
      bodyContent !== undefined,
    inputOptional: !(
      path.length > 0 ||
      queryRequired ||
      headersRequired ||
      cookiesRequired ||
      bodyRequired
    ),
  };
}

function buildSuccesses(responses: readonly ModelResponse[], operationType: string): SuccessView[] {
  const declared = responses.filter((response) => response.isSuccess);
  if (declared.length === 0) {
    return [
      {
        status: new TrustedCode('number'),
        statusKey: '',
        descriptorKey: '',
        format: 'none',
        isJson: false,
        isText: false,
        isBlob: false,
        isUnknown: true,
        mediaType: '',
        bodyType: new TrustedCode('unknown'),
        expanded: false,
      },
    ];
  }
  return declared.map((response): SuccessView => {
    const content = response.jsonContent ?? response.content[0];
    const format = formatOf(response, content);
    const numeric = /^[1-5][0-9][0-9]$/.test(response.status);
    const mediaType = content?.mediaType ?? '';
    return {
      status: new TrustedCode(numeric ? response.status : 'number'),
      statusKey: response.status,
      descriptorKey: response.status.toUpperCase(),
      format,
      isJson: format === 'json',
      isText: format === 'text',
      isBlob: format === 'blob',
      isUnknown: false,
      mediaType,
      bodyType: new TrustedCode(
        format === 'json'
          ? `${operationType}['responses'][${toStringLiteral(response.status)}]['content'][${toStringLiteral(mediaType)}]`
          : BODY_TYPES[format],
      ),
      expanded: false,
    };
  });
}

/** The body type of a success that is not JSON. */
const BODY_TYPES: Record<Exclude<BodyFormat, 'json'>, string> = {
  text: 'string',
  blob: 'Blob',
  none: 'undefined',
};

/** Where prettier breaks `ApiError<…>`: inside its brackets, then between union members. */
function layOutError(
  errorType: string,
  operationType: string,
  bodies: readonly ErrorBodyView[],
): { errorBreaks: boolean; errorMembersBreak: boolean } {
  const members = bodies.map(
    (body) =>
      `${operationType}['responses'][${toStringLiteral(body.statusKey)}]['content'][${toStringLiteral(body.mediaType)}]`,
  );
  const union = members.length === 0 ? 'unknown' : members.join(' | ');
  const errorBreaks =
    members.length > 0 && overflows(`export type ${errorType} = ApiError<${union}>;`);
  return {
    errorBreaks,
    errorMembersBreak: errorBreaks && overflows(`  ${union}`) && members.length > 1,
  };
}

/** Where prettier breaks an operation's result type (the layout of handlers.ts's reply types). */
interface ResultLayout {
  successes: SuccessView[];
  /** `export type …Result = A | B;` on one line. */
  resultOnOneLine: boolean;
  /** A union on the line after the name. */
  resultOnNextLine: boolean;
  /** A single success too wide for the line of its name: its object type over lines. */
  resultObjectBreaks: boolean;
}

function layOutResult(resultType: string, successes: SuccessView[]): ResultLayout {
  const members = successes.map(
    (success) =>
      `{ status: ${success.status.code}; body: ${success.bodyType.code}; headers: Headers }`,
  );
  const union = members.join(' | ');
  const resultOnOneLine = !overflows(`export type ${resultType} = ${union};`);
  const resultOnNextLine = !resultOnOneLine && members.length > 1 && !overflows(`  ${union};`);
  const broken = !resultOnOneLine && !resultOnNextLine && members.length > 1;
  return {
    successes: successes.map((success, index) => ({
      ...success,
      expanded:
        broken &&
        overflows(`  | ${members[index] ?? ''}${index === members.length - 1 ? ';' : ''}`),
    })),
    resultOnOneLine,
    resultOnNextLine,
    resultObjectBreaks: !resultOnOneLine && members.length === 1,
  };
}

function formatOf(response: ModelResponse, content: MediaContent | undefined): BodyFormat {
  if (content === undefined) return 'none';
  if (response.jsonContent !== undefined) return 'json';
  return content.mediaType.toLowerCase().startsWith('text/') ? 'text' : 'blob';
}

/** The Accept header: the media types the success answers declare, in order, once each. */
function acceptOf(responses: readonly ModelResponse[]): string {
  const types = responses
    .filter((response) => response.isSuccess)
    .map((response) => (response.jsonContent ?? response.content[0])?.mediaType)
    .filter((type): type is string => type !== undefined);
  return [...new Set(types)].join(', ');
}

/** Bodies that are neither JSON nor a form: the caller may pass bytes, a Blob or a stream. */
function acceptsRawBody(content: MediaContent): boolean {
  const essence = content.mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  const isForm =
    essence === 'application/x-www-form-urlencoded' || essence === 'multipart/form-data';
  return !isForm && !isJsonMediaType(essence);
}

/** `application/json` or a `+json` type, as the runtime reads them. */
function isJsonMediaType(mediaType: string): boolean {
  const essence = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return essence === 'application/json' || essence.endsWith('+json');
}

function buildEncoding(parameter: ModelParameter): EncodingView[] {
  const defaultStyle = parameter.in === 'path' || parameter.in === 'header' ? 'simple' : 'form';
  const hasStyle = parameter.style !== defaultStyle;
  const hasExplode = parameter.explode !== (parameter.style === 'form');
  // A parameter with `content` instead of `schema`: a JSON media type is sent as JSON text.
  const json = parameter.mediaType !== undefined && isJsonMediaType(parameter.mediaType);
  if (!hasStyle && !hasExplode && !parameter.allowReserved && !json) return [];
  return [
    {
      name: parameter.name,
      location: parameter.in,
      hasStyle,
      style: parameter.style,
      hasExplode,
      explode: parameter.explode,
      allowReserved: parameter.allowReserved,
      json,
    },
  ];
}
