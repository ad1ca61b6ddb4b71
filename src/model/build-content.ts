/**
 * Media Type Objects (OAS 3.0.3 §4.7.14) and Example Objects (§4.7.19), shared by parameters,
 * request bodies, responses and headers.
 */
import { appendPointer } from '../errors.js';
import type { BuildContext } from './build-context.js';
import { buildSchemaRef } from './build-schemas.js';
import type { MediaContent, ModelExample } from './model.js';
import { resolveObject } from './resolve-ref.js';
import { getField, readObject, readObjectEntries, readString } from './spec-object.js';
import type { SpecObject } from './spec-object.js';

/**
 * The `content` map of `owner` (at `pointer`), in document order.
 * @throws ModelError BG_SPEC_INVALID, BG_SPEC_REF from the schemas and examples inside.
 */
export function buildContent(
  ctx: BuildContext,
  owner: SpecObject,
  pointer: string,
): MediaContent[] {
  const content = readObject(ctx, owner, 'content', pointer);
  if (content === undefined) return [];
  const contentPointer = appendPointer(pointer, 'content');
  return readObjectEntries(ctx, content, contentPointer).map(([mediaType, mediaTypeObject]) => {
    const mediaPointer = appendPointer(contentPointer, mediaType);
    const schema = getField(mediaTypeObject, 'schema');
    return {
      mediaType,
      schema:
        schema === undefined
          ? undefined
          : buildSchemaRef(ctx, schema, appendPointer(mediaPointer, 'schema')),
      examples: buildExamples(ctx, mediaTypeObject, mediaPointer),
      pointer: mediaPointer,
    };
  });
}

/**
 * The `example` value (named undefined) and the `examples` map of `owner`, references resolved.
 * @throws ModelError BG_SPEC_INVALID, BG_SPEC_REF
 */
export function buildExamples(
  ctx: BuildContext,
  owner: SpecObject,
  pointer: string,
): ModelExample[] {
  const result: ModelExample[] = [];
  const example = getField(owner, 'example');
  if (example !== undefined) {
    result.push({
      name: undefined,
      summary: undefined,
      description: undefined,
      value: example,
      externalValue: undefined,
      pointer: appendPointer(pointer, 'example'),
    });
  }
  const examples = readObject(ctx, owner, 'examples', pointer);
  if (examples === undefined) return result;
  const examplesPointer = appendPointer(pointer, 'examples');
  for (const [name, value] of Object.entries(examples)) {
    const resolved = resolveObject(ctx, value, appendPointer(examplesPointer, name));
    result.push({
      name,
      summary: readString(ctx, resolved.object, 'summary', resolved.pointer),
      description: readString(ctx, resolved.object, 'description', resolved.pointer),
      value: getField(resolved.object, 'value'),
      externalValue: readString(ctx, resolved.object, 'externalValue', resolved.pointer),
      pointer: resolved.pointer,
    });
  }
  return result;
}

/**
 * The JSON entry of `content`: `application/json` (parameters ignored) if present, else the
 * first `+json` structured-syntax type (RFC 6839), such as `application/vnd.github+json`.
 */
export function findJsonContent(content: readonly MediaContent[]): MediaContent | undefined {
  const essences = content.map((entry) => ({ entry, essence: getEssence(entry.mediaType) }));
  return (
    essences.find(({ essence }) => essence === 'application/json')?.entry ??
    essences.find(({ essence }) => /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+\+json$/.test(essence))
      ?.entry
  );
}

/** The media type without parameters, lowercased (RFC 9110 §8.3.1: case-insensitive). */
function getEssence(mediaType: string): string {
  return (mediaType.split(';')[0] ?? '').trim().toLowerCase();
}
