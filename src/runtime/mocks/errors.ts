/**
 * What the mocks throw or report. Every error is a `MockError` with a `code`, so a test can
 * tell a request that broke the spec from a mock set up wrong.
 */

/** Codes of the mocks' errors. Never reused. */
export type MockErrorCode =
  'MOCK_INVALID_REQUEST' | 'MOCK_UNKNOWN_OPERATION' | 'MOCK_INVALID_OPTIONS';

/** The base of every error of the mocks; `code` says which one it is. */
export class MockError extends Error {
  override readonly name: string = 'MockError';
  readonly code: MockErrorCode;

  constructor(code: MockErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** One way a request breaks its operation's spec. */
export interface RequestProblem {
  /** Where: a parameter's location, or the body. */
  readonly location: 'path' | 'query' | 'header' | 'cookie' | 'body';
  /** The parameter's name; undefined for the body. */
  readonly name: string | undefined;
  /** JSON pointer into the value (`/context/platform`); empty for the value itself. */
  readonly path: string;
  readonly message: string;
}

/**
 * A request that does not match its operation's spec (with `validateRequests`). Its message
 * names the operation and every problem, such as `body/plan_id must be string`.
 */
export class InvalidRequestError extends MockError {
  override readonly name = 'InvalidRequestError';
  readonly operationId: string;
  readonly method: string;
  readonly url: string;
  readonly problems: readonly RequestProblem[];

  constructor(
    operation: { operationId: string },
    request: { method: string; url: string },
    problems: readonly RequestProblem[],
  ) {
    const list = problems.map(describeProblem).join('; ');
    super(
      'MOCK_INVALID_REQUEST',
      `${request.method} ${pathOf(request.url)} breaks the spec of ${operation.operationId}: ${list}`,
    );
    this.operationId = operation.operationId;
    this.method = request.method;
    this.url = request.url;
    this.problems = problems;
  }
}

/** `query parameter "limit" must be integer`, `body/plan_id must be string`. */
export function describeProblem(problem: RequestProblem): string {
  const where =
    problem.location === 'body'
      ? `body${problem.path}`
      : `${problem.location} parameter ${JSON.stringify(problem.name)}${problem.path}`;
  return `${where} ${problem.message}`;
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}
