/**
 * Request Body Objects (OAS 3.0.3 §4.7.13), with their references resolved.
 */
import { appendPointer } from '../errors.js';
import type { BuildContext } from './build-context.js';
import { buildContent, findJsonContent } from './build-content.js';
import type { ModelRequestBody } from './model.js';
import { resolveObject } from './resolve-ref.js';
import type { ResolvedObject } from './resolve-ref.js';
import { getField, readBoolean, readExtensions, readString } from './spec-object.js';

/**
 * The request body of the operation at `operation`, or undefined when it declares none.
 * @throws ModelError BG_SPEC_INVALID, BG_SPEC_REF
 */
export function buildRequestBody(
  ctx: BuildContext,
  operation: ResolvedObject,
): ModelRequestBody | undefined {
  const value = getField(operation.object, 'requestBody');
  if (value === undefined) return undefined;
  const { object, pointer } = resolveObject(
    ctx,
    value,
    appendPointer(operation.pointer, 'requestBody'),
  );
  const content = buildContent(ctx, object, pointer);
  const jsonContent = findJsonContent(content);
  return {
    // §4.7.13.1: `required` defaults to false.
    required: readBoolean(ctx, object, 'required', pointer) ?? false,
    description: readString(ctx, object, 'description', pointer),
    content,
    jsonContent,
    jsonSchema: jsonContent?.schema,
    extensions: readExtensions(object),
    pointer,
  };
}
