import { BaseResolver, Source } from '@redocly/openapi-core';
import type { Document } from '@redocly/openapi-core';

/**
 * Redocly's resolver, with JSON documents parsed by `JSON.parse`.
 *
 * Redocly parses every document with js-yaml. On the 13 MB GitHub description that takes about
 * 500 ms against about 100 ms for `JSON.parse`. YAML documents, and JSON that `JSON.parse`
 * rejects, still go to js-yaml, so syntax errors are always reported by one parser with a line
 * and column. One difference remains: `JSON.parse` keeps the last of two duplicate keys where
 * js-yaml would refuse the document.
 */
export class SpecResolver extends BaseResolver {
  override parseDocument(source: Source, isRoot = false): Document {
    if (looksLikeJson(source)) {
      try {
        return { source, parsed: JSON.parse(source.body) as unknown };
      } catch {
        // Fall through: js-yaml reports the syntax error with a line and column.
      }
    }
    return super.parseDocument(source, isRoot);
  }
}

function looksLikeJson(source: Source): boolean {
  if (source.absoluteRef.endsWith('.json')) return true;
  const first = source.body.trimStart()[0];
  return first === '{';
}
