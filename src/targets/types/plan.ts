import type { PlannedFile } from '../../emit/index.js';
import type { ApiModel } from '../../model/index.js';
import type { TargetContext } from '../target.js';
import { printOpenApiTypes } from './openapi-typescript.js';
import { buildTypesView } from './view.js';

/** The types target writes one file, `types.ts`: openapi-typescript's types and named aliases. */
export async function planTypesFiles(
  model: ApiModel,
  context: TargetContext,
): Promise<PlannedFile[]> {
  const openapiTypes = await (context.openApiTypes?.() ?? printOpenApiTypes(model.document));
  return [
    {
      path: 'types.ts',
      owner: 'generated',
      content: {
        kind: 'template',
        template: 'types/types.ts',
        view: buildTypesView(model, openapiTypes),
        style: 'formatted',
      },
    },
  ];
}
