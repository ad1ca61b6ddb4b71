/**
 * Responses Objects (OAS 3.0.3 §4.7.16), Response Objects (§4.7.17) and their Header Objects
 * (§4.7.21), with references resolved.
 */
import { appendPointer } from '../errors.js';
import type { BuildContext } from './build-context.js';
import { addWarning, createModelError } from './build-context.js';
import { buildContent, findJsonContent } from './build-content.js';
import { buildSchemaRef } from './build-schemas.js';
import type { ModelHeader, ModelResponse, SchemaRef } from './model.js';
import { resolveObject } from './resolve-ref.js';
import type { ResolvedObject } from './resolve-ref.js';
import { getField, readBoolean, readExtensions, readObject } from './spec-object.js';
import { readObjectEntries, readRequiredString, readString } from './spec-object.js';
import type { SpecObject } from './spec-object.js';

/** A 2xx status code or the 2XX range (§4.7.16.2 allows the wildcard `X` in upper case). */
const SUCCESS_STATUS = /^2(?:[0-9]{2}|XX)$/;

/**
 * The responses of the operation at `operation`, in the order of the Responses Object's keys.
 * @throws ModelError BG_SPEC_INVALID, BG_SPEC_REF
 */
export function buildResponses(ctx: BuildContext, operation: ResolvedObject): ModelResponse[] {
  const responses = readObject(ctx, operation.object, 'responses', operation.pointer);
  if (responses === undefined) return [];
  const responsesPointer = appendPointer(operation.pointer, 'responses');
  return readObjectEntries(ctx, responses, responsesPointer, { skipExtensions: true }).map(
    ([status, value]) => {
      const { object, pointer } = resolveObject(
        ctx,
        value,
        appendPointer(responsesPointer, status),
      );
      const content = buildContent(ctx, object, pointer);
      const jsonContent = findJsonContent(content);
      return {
        status,
        isSuccess: SUCCESS_STATUS.test(status),
        description: readRequiredString(ctx, object, 'description', pointer),
        content,
        jsonContent,
        jsonSchema: jsonContent?.schema,
        headers: buildHeaders(ctx, object, pointer),
        extensions: readExtensions(object),
        pointer,
      };
    },
  );
}

function buildHeaders(ctx: BuildContext, response: SpecObject, pointer: string): ModelHeader[] {
  const headers = readObject(ctx, response, 'headers', pointer);
  if (headers === undefined) return [];
  const headersPointer = appendPointer(pointer, 'headers');
  const result: ModelHeader[] = [];
  for (const name of Object.keys(headers)) {
    const headerPointer = appendPointer(headersPointer, name);
    if (name.toLowerCase() === 'content-type') {
      addWarning(
        ctx,
        'BG_MODEL_UNSUPPORTED',
        headerPointer,
        'The response header Content-Type is ignored, as OpenAPI requires',
        'Describe the media type with the content map instead.',
      );
      continue;
    }
    const header = resolveObject(ctx, getField(headers, name), headerPointer);
    result.push({
      name,
      required: readBoolean(ctx, header.object, 'required', header.pointer) ?? false,
      description: readString(ctx, header.object, 'description', header.pointer),
      deprecated: readBoolean(ctx, header.object, 'deprecated', header.pointer) ?? false,
      schema: readHeaderSchema(ctx, header, name),
      pointer: header.pointer,
    });
  }
  return result;
}

/** §4.7.21: a header has either `schema`, or `content` with exactly one entry. */
function readHeaderSchema(ctx: BuildContext, header: ResolvedObject, name: string): SchemaRef {
  const schema = getField(header.object, 'schema');
  if (schema !== undefined) {
    return buildSchemaRef(ctx, schema, appendPointer(header.pointer, 'schema'));
  }
  const [entry, ...others] = buildContent(ctx, header.object, header.pointer);
  if (entry?.schema === undefined || others.length > 0) {
    throw createModelError(
      ctx,
      'BG_SPEC_INVALID',
      header.pointer,
      `The header ${JSON.stringify(name)} has neither a schema nor one content entry`,
      'Add a `schema` to the header.',
    );
  }
  return entry.schema;
}
