import { access, constants, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { BaseResolver, Config, Document } from '@redocly/openapi-core';
import { SpecDiagnosticsError, SpecError } from '../errors.js';
import type { Diagnostic } from '../errors.js';
import { createBundleCheck } from './bundle-check.js';
import { findPointerAtLine } from './find-error-pointer.js';
import { createRedoclyConfig } from './lint-config.js';
import type { Ruleset } from './lint-config.js';
import { canLocateJson, JsonPointerLocator } from './locate-json-pointer.js';
import { loadRedocly } from './redocly.js';
import type { Redocly } from './redocly.js';
import type { LoadedSpec, OpenApiDocument, OpenApiVersion } from './spec-document.js';
import { createSpecResolver } from './spec-resolver.js';
import { toDiagnostic } from './to-diagnostic.js';

export interface LoadSpecOptions {
  /** Which rules to run; `structural` unless told otherwise. */
  ruleset?: Ruleset;
}

/** A loaded spec together with the warnings its validation produced. */
export interface LoadSpecResult {
  spec: LoadedSpec;
  /** Every problem found, errors first; all warnings when the load succeeded. */
  diagnostics: Diagnostic[];
  /**
   * Every document the load read: the spec's file and those its `$ref`s reach (absolute paths,
   * or URLs), so that a run can tell later whether any of them changed.
   */
  files: string[];
}

/**
 * Loads an OpenAPI 3.0 or 3.1 document from a YAML or JSON file, validates it, and bundles its
 * external `$ref`s into one document.
 *
 * Steps: (1) read and parse, (2) check the OpenAPI version, (3) lint, collecting every problem
 * before failing, and learning what bundling would change (bundle-check.ts), (4) bundle: with
 * Redocly's bundler when the spec spans files, else by making those few changes.
 *
 * @throws SpecError BG_SPEC_NOT_FOUND, BG_SPEC_PARSE, BG_SPEC_UNSUPPORTED_VERSION
 * @throws SpecDiagnosticsError BG_SPEC_INVALID (with BG_SPEC_REF diagnostics among others)
 */
export async function loadSpec(
  path: string,
  options: LoadSpecOptions = {},
): Promise<LoadSpecResult> {
  const file = resolve(path);
  const redocly = await loadRedocly();
  const resolver = createSpecResolver(redocly);
  const document = await readDocument(resolver, file);
  const version = getOpenApiVersion(document, file, redocly);

  const bundleCheck = createBundleCheck(document.source);
  const config = await createRedoclyConfig(options.ruleset ?? 'structural', bundleCheck);
  const problems = await redocly.lintDocument({
    document,
    config: config.styleguide,
    externalRefResolver: resolver,
  });
  const hasErrors = problems.some((problem) => problem.severity === 'error');
  // Lines are found for every problem that will be printed: all of them when the load fails,
  // and in the `recommended` ruleset (lint prints warnings too).
  const withLines = hasErrors || options.ruleset === 'recommended';
  const diagnostics = sortDiagnostics(
    problems.map((problem) => toDiagnostic(problem, withLines, redocly)),
  );
  if (hasErrors) throw new SpecDiagnosticsError(file, diagnostics);

  const bundled =
    (hasBundleSteps(config) ? undefined : bundleCheck.bundle(document.parsed as OpenApiDocument)) ??
    (await bundle(redocly, document, config, resolver));
  const { getLineColLocation } = redocly;
  const { body } = document.source;
  const locator =
    resolver.isJson(document.source) && canLocateJson(body)
      ? new JsonPointerLocator(body)
      : undefined;
  const spec: LoadedSpec = {
    file,
    version,
    document: bundled,
    locate(pointer) {
      const start =
        locator?.locate(pointer) ??
        getLineColLocation({ source: document.source, pointer, reportOnKey: false }).start;
      return { file, line: start.line, column: start.col, pointer };
    },
  };
  return { spec, diagnostics, files: [...resolver.getFiles()].sort() };
}

/** Pulls external `$ref`s into `components`, leaving internal references as they are. */
async function bundle(
  redocly: Redocly,
  document: Document,
  config: Config,
  resolver: BaseResolver,
): Promise<OpenApiDocument> {
  const bundled = await redocly.bundleDocument({
    document,
    config: config.styleguide,
    externalRefResolver: resolver,
    dereference: false,
  });
  return bundled.bundle.parsed as OpenApiDocument;
}

/**
 * Whether the configuration makes the bundler do more than resolve: preprocessors and decorators
 * rewrite documents (brokergen's rulesets configure none).
 */
function hasBundleSteps(config: Config): boolean {
  const { preprocessors, decorators } = config.styleguide;
  const steps = [...Object.values(preprocessors), ...Object.values(decorators)];
  return steps.some((step) => Object.keys(step).length > 0);
}

async function readDocument(resolver: BaseResolver, file: string): Promise<Document> {
  try {
    await access(file, constants.R_OK);
  } catch (cause) {
    throw new SpecError('BG_SPEC_NOT_FOUND', `Cannot read the spec file ${file}`, {
      location: { file },
      hint: 'Check the path; a relative path is resolved against the current directory.',
      cause,
    });
  }
  let result: Document | Error;
  try {
    result = await resolver.resolveDocument(null, file, true);
  } catch (error) {
    result = error instanceof Error ? error : new SpecError('BG_SPEC_PARSE', String(error));
  }
  if (result instanceof Error) throw toParseError(result, file, await readText(file));
  return result;
}

/**
 * js-yaml reports a 0-based `mark`; Redocly's YamlParseError wraps it with 1-based `line`/`col`.
 * Both become a BG_SPEC_PARSE error with a 1-based line and column.
 */
function toParseError(error: Error, file: string, text: string): SpecError {
  const original = 'originalError' in error ? (error.originalError as Error) : error;
  const mark = (original as { mark?: { line?: number; column?: number } }).mark;
  const reason = (original as { reason?: string }).reason ?? original.message.split('\n')[0];
  const line = mark?.line === undefined ? undefined : mark.line + 1;
  const location =
    line === undefined
      ? { file }
      : { file, line, column: (mark?.column ?? 0) + 1, pointer: findPointerAtLine(text, line) };
  return new SpecError('BG_SPEC_PARSE', `The spec is not valid YAML or JSON: ${reason}`, {
    location,
    hint: 'Fix the syntax at this line; YAML is sensitive to indentation and to tabs.',
    cause: original,
  });
}

async function readText(file: string): Promise<string> {
  return readFile(file, 'utf8').catch(() => '');
}

function getOpenApiVersion(document: Document, file: string, redocly: Redocly): OpenApiVersion {
  const parsed: unknown = document.parsed;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new SpecError('BG_SPEC_PARSE', 'The spec is not an object at its root', {
      location: { file, line: 1, column: 1, pointer: '#' },
      hint: 'An OpenAPI document is a YAML or JSON object with an `openapi` field.',
    });
  }
  const root = parsed as Record<string, unknown>;
  if ('swagger' in root) {
    throw new SpecError(
      'BG_SPEC_UNSUPPORTED_VERSION',
      `Swagger ${String(root['swagger'])} is not supported; brokergen reads OpenAPI 3.0 and 3.1`,
      {
        location: locateRoot(redocly, document, file, '#/swagger'),
        hint: 'Convert the document to OpenAPI 3 first, for example with `npx swagger2openapi`.',
      },
    );
  }
  const version = String(root['openapi'] ?? '');
  const match = /^3\.([01])\.\d+$/.exec(version);
  if (match === null) {
    throw new SpecError(
      'BG_SPEC_UNSUPPORTED_VERSION',
      version === ''
        ? 'The document has no `openapi` field'
        : `OpenAPI ${version} is not supported; brokergen reads OpenAPI 3.0 and 3.1`,
      {
        location: locateRoot(redocly, document, file, version === '' ? '#' : '#/openapi'),
        hint: 'Start the document with `openapi: 3.1.0` (or 3.0.x).',
      },
    );
  }
  return match[1] === '0' ? '3.0' : '3.1';
}

function locateRoot(redocly: Redocly, document: Document, file: string, pointer: string) {
  const { start } = redocly.getLineColLocation({
    source: document.source,
    pointer,
    reportOnKey: true,
  });
  return { file, line: start.line, column: start.col, pointer };
}

/** Errors before warnings, then by file and position, so output reads top to bottom. */
function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const rank = (d: Diagnostic) => (d.severity === 'error' ? 0 : 1);
  return diagnostics.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.location?.file ?? '').localeCompare(b.location?.file ?? '') ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      (a.location?.column ?? 0) - (b.location?.column ?? 0),
  );
}
