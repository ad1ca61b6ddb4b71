import type { NormalizedProblem } from '@redocly/openapi-core';
import type { Diagnostic, ErrorCode } from '../errors.js';
import type { Redocly } from './redocly.js';

/** Fix-it hints for the rules whose messages do not already say how to fix the problem. */
const RULE_HINTS: Record<string, string> = {
  'no-unresolved-refs': 'Point the $ref at an existing file and JSON pointer (RFC 6901).',
  struct: 'Compare the object with the OpenAPI specification for its type.',
  'operation-operationId-unique': 'Give every operation a unique operationId.',
  'operation-operationId': 'Add an operationId: generated method names are taken from it.',
  'path-parameters-defined':
    'Declare every {name} of the path template as an `in: path` parameter.',
  'brokergen/operation-responses': 'Add a `responses` object with at least one status code.',
  'security-defined':
    'Add `security` to the operation or the document, or `security: []` for none.',
};

const RULE_CODES: Record<string, ErrorCode> = {
  'no-unresolved-refs': 'BG_SPEC_REF',
};

/**
 * Turns a Redocly problem into a brokergen diagnostic with file, line, column and pointer.
 *
 * Finding a line means building a YAML syntax tree of the file (about a second for a 10 MB
 * JSON document), so callers that will only count a problem pass `withLine: false`.
 */
export function toDiagnostic(
  problem: NormalizedProblem,
  withLine: boolean,
  { getLineColLocation }: Redocly,
): Diagnostic {
  const where = problem.location[0];
  const suggestion =
    problem.suggest.length > 0 ? `Did you mean: ${problem.suggest.join(', ')}?` : undefined;
  const hint = [suggestion, RULE_HINTS[problem.ruleId]].filter(Boolean).join(' ');
  const diagnostic: Diagnostic = {
    code: RULE_CODES[problem.ruleId] ?? 'BG_SPEC_INVALID',
    severity: problem.severity === 'error' ? 'error' : 'warning',
    message: problem.message,
    rule: problem.ruleId,
    ...(hint === '' ? {} : { hint }),
  };
  if (where !== undefined) {
    const pointer = where.pointer ?? '#/';
    diagnostic.location = { file: where.source.absoluteRef, pointer };
    if (withLine) {
      const { start } = getLineColLocation(where);
      diagnostic.location = { ...diagnostic.location, line: start.line, column: start.col };
    }
  }
  return diagnostic;
}
