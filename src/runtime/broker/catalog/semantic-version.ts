/**
 * Semantic Versioning 2.0.0 (https://semver.org/spec/v2.0.0.html), built from the grammar in
 * its "Backus-Naur Form Grammar for Valid SemVer Versions" section, one production at a time.
 */

/** `<numeric identifier>`: `0`, or digits without a leading zero. */
const NUMERIC_IDENTIFIER = '(?:0|[1-9][0-9]*)';

/** `<alphanumeric identifier>`: letters, digits and hyphens with at least one non-digit. */
const ALPHANUMERIC_IDENTIFIER = '(?:[0-9]*[A-Za-z-][0-9A-Za-z-]*)';

/** `<pre-release identifier>`: numeric ones must not have leading zeros (rule 9). */
const PRE_RELEASE_IDENTIFIER = `(?:${NUMERIC_IDENTIFIER}|${ALPHANUMERIC_IDENTIFIER})`;

/** `<build identifier>`: any non-empty run of letters, digits and hyphens; leading zeros allowed (rule 10). */
const BUILD_IDENTIFIER = '[0-9A-Za-z-]+';

const VERSION_CORE = `${NUMERIC_IDENTIFIER}\\.${NUMERIC_IDENTIFIER}\\.${NUMERIC_IDENTIFIER}`;
const PRE_RELEASE = `-${PRE_RELEASE_IDENTIFIER}(?:\\.${PRE_RELEASE_IDENTIFIER})*`;
const BUILD = `\\+${BUILD_IDENTIFIER}(?:\\.${BUILD_IDENTIFIER})*`;

const SEMANTIC_VERSION = new RegExp(`^${VERSION_CORE}(?:${PRE_RELEASE})?(?:${BUILD})?$`);

/** Whether a string is a valid SemVer 2.0.0 version, such as `2.1.1+abcdef` or `1.0.0-rc.1`. */
export function isSemanticVersion(text: string): boolean {
  return SEMANTIC_VERSION.test(text);
}
