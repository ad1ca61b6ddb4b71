import { PrintedCode } from '../../emit/index.js';
import { toStringLiteral } from '../../emit/template-helpers.js';
import type { ApiModel } from '../../model/index.js';
import { overflows } from '../output-layout.js';

/** One named schema, re-exported under its safe TypeScript name. */
export interface SchemaAliasView {
  /** The schema's name in `components.schemas`, printed as a string literal. */
  name: string;
  /** A unique identifier from `naming.ts`. */
  typeName: string;
  /** The schema's description, for JSDoc. */
  description: string;
  hasDescription: boolean;
  /** Whether the alias is too wide for one line, and breaks after `=` as prettier breaks it. */
  broken: boolean;
}

/** Everything `templates/types/types.ts.hbs` prints. */
export interface TypesView {
  openapiTypes: PrintedCode;
  schemas: SchemaAliasView[];
  hasSchemas: boolean;
}

/** Builds the view of the types file from the model and openapi-typescript's output. */
export function buildTypesView(model: ApiModel, openapiTypes: string): TypesView {
  const schemas = model.schemas.map((schema): SchemaAliasView => {
    const description =
      typeof schema.schema['description'] === 'string' ? schema.schema['description'] : '';
    const flat = `export type ${schema.typeName} = components['schemas'][${toStringLiteral(schema.name)}];`;
    return {
      name: schema.name,
      typeName: schema.typeName,
      description,
      hasDescription: description !== '',
      broken: overflows(flat),
    };
  });
  return { openapiTypes: new PrintedCode(openapiTypes), schemas, hasSchemas: schemas.length > 0 };
}
