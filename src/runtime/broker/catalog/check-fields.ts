import { childPointer, isCatalogObject, quote } from './catalog-problem.js';
import type { CatalogObject, CatalogRule, ReportProblem } from './catalog-problem.js';

/** The JSON types the catalog objects use, as the OSB specification's tables name them. */
export type FieldKind = 'string' | 'boolean' | 'object' | 'array' | 'strings' | 'seconds';

/** One row of an OSB object table: the field's type, and whether it is REQUIRED (an asterisk). */
export interface FieldSpec {
  kind: FieldKind;
  required?: boolean;
  /** A name users type on a command line, where a CLI-friendly string is RECOMMENDED. */
  cliName?: boolean;
}

/** An OSB object's fields, in the order of the specification's table. */
export type FieldTable = Readonly<Record<string, FieldSpec>>;

const KIND_NAMES: Record<FieldKind, string> = {
  string: 'a string',
  boolean: 'a boolean (true or false, unquoted)',
  object: 'an object',
  array: 'an array',
  strings: 'an array of strings',
  seconds: 'a whole number of seconds, 0 or more',
};

/**
 * "Catalog Management": Platforms MAY limit string lengths, and strings of at most 255
 * characters are RECOMMENDED.
 */
const RECOMMENDED_MAX_LENGTH = 255;

/**
 * "Catalog Management", Body: a CLI-friendly string uses only alphanumeric characters, periods
 * and hyphens. The specification also recommends avoiding strings a command line parser
 * misreads, such as `-`, so the name must start with a letter or digit too.
 */
const CLI_FRIENDLY = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;

/** Where a field check reports: the rule it belongs to and the object's label for messages. */
export interface FieldCheck {
  rule: CatalogRule;
  /** The object as a person names it: `Service Plan "small" of "db"`. */
  label: string;
  report: ReportProblem;
}

/**
 * Checks an object's fields against its table: REQUIRED fields present, every present field of
 * its type, and every present string non-empty (OSB 2.12, "Any string field that is present is
 * non-empty"). Fields outside the table are left alone: extensions are allowed.
 */
export function checkFields(
  object: CatalogObject,
  pointer: string,
  table: FieldTable,
  check: FieldCheck,
): void {
  for (const [field, spec] of Object.entries(table)) {
    const value = object[field];
    const at = childPointer(pointer, field);
    if (value === undefined) {
      if (spec.required === true) {
        check.report({
          rule: check.rule,
          severity: 'error',
          pointer,
          message: `${check.label} has no \`${field}\`, which is REQUIRED`,
          hint: `Add \`${field}\`: ${KIND_NAMES[spec.kind]}.`,
        });
      }
      continue;
    }
    if (!hasKind(value, spec.kind)) {
      check.report({
        rule: check.rule,
        severity: 'error',
        pointer: at,
        message: `\`${field}\` of ${check.label} is ${describeValue(value)}; it MUST be ${KIND_NAMES[spec.kind]}`,
        hint: `Make \`${field}\` ${KIND_NAMES[spec.kind]}.`,
      });
      continue;
    }
    if (typeof value === 'string') checkString(value, at, field, spec, check);
    if (spec.kind === 'strings') checkStringItems(value as unknown[], at, field, check);
  }
}

/** Checks a string that is present: non-empty (MUST), short and CLI-friendly (RECOMMENDED). */
export function checkString(
  value: string,
  pointer: string,
  field: string,
  spec: Pick<FieldSpec, 'required' | 'cliName'>,
  check: FieldCheck,
): void {
  if (value === '') {
    check.report({
      rule: check.rule,
      severity: 'error',
      pointer,
      message: `\`${field}\` of ${check.label} is an empty string; a string that is present MUST be non-empty`,
      hint: spec.required === true ? 'Fill it in.' : 'Fill it in, or leave the field out.',
    });
    return;
  }
  if (value.length > RECOMMENDED_MAX_LENGTH) {
    check.report({
      rule: check.rule,
      severity: 'warning',
      pointer,
      message: `\`${field}\` of ${check.label} is ${value.length} characters long; at most ${RECOMMENDED_MAX_LENGTH} are RECOMMENDED, as Platforms may cut longer strings`,
      hint: 'Shorten it; longer text fits in `metadata` (for example `longDescription`).',
    });
  }
  if (spec.cliName === true && !CLI_FRIENDLY.test(value)) {
    check.report({
      rule: check.rule,
      severity: 'warning',
      pointer,
      message: `\`${field}\` ${quote(value)} of ${check.label} is not CLI-friendly, as RECOMMENDED`,
      hint: 'Use only letters, digits, periods and hyphens, starting with a letter or digit (like `mysql-small`).',
    });
  }
}

function checkStringItems(items: unknown[], pointer: string, field: string, check: FieldCheck) {
  items.forEach((item, index) => {
    const at = childPointer(pointer, index);
    if (typeof item === 'string') {
      checkString(item, at, `${field}[${index}]`, {}, check);
      return;
    }
    check.report({
      rule: check.rule,
      severity: 'error',
      pointer: at,
      message: `\`${field}[${index}]\` of ${check.label} is ${describeValue(item)}; it MUST be a string`,
      hint: `Make every item of \`${field}\` a string.`,
    });
  });
}

function hasKind(value: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return isCatalogObject(value);
    case 'array':
    case 'strings':
      return Array.isArray(value);
    case 'seconds':
      return Number.isInteger(value) && (value as number) >= 0;
  }
}

/** A value's JSON type for a message: `the string "true"`, `null`, `an array`, `the number 1.5`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `the ${typeof value} ${quote(value)}`;
}
