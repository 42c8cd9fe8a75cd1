import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';

/** OpenAPI 3.0 schemas, written once here so that every schema of the document reads alike. */
export type Schema = SchemaObject | ReferenceObject;

export const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

const described = (schema: SchemaObject, description?: string): SchemaObject => (description ? { ...schema, description } : schema);

export const text = (description?: string, extra: SchemaObject = {}): SchemaObject => described({ type: 'string', ...extra }, description);
export const uuid = (description?: string): SchemaObject => described({ type: 'string', format: 'uuid' }, description);
export const dateTime = (description?: string): SchemaObject => described({ type: 'string', format: 'date-time' }, description);
export const localDate = (description?: string): SchemaObject => described({ type: 'string', format: 'date' }, description);
export const integer = (description?: string, extra: SchemaObject = {}): SchemaObject => described({ type: 'integer', ...extra }, description);
export const boolean = (description?: string): SchemaObject => described({ type: 'boolean' }, description);
export const oneOfValues = (values: readonly string[], description?: string): SchemaObject => described({ type: 'string', enum: [...values] }, description);
export const arrayOf = (items: Schema, description?: string, extra: SchemaObject = {}): SchemaObject => described({ type: 'array', items, ...extra }, description);
/** A JSON object whose members this document does not fix (a workflow's context, an event's payload). */
export const freeObject = (description?: string): SchemaObject => described({ type: 'object', additionalProperties: true }, description);
/** A sha256 digest in hex. */
export const sha256Hex = (description?: string): SchemaObject => described({ type: 'string', pattern: '^[0-9a-f]{64}$' }, description);

/** The schema, or null (OpenAPI 3.0 `nullable`; a reference to an object is wrapped in allOf, which may carry it). */
export function nullable(schema: Schema, description?: string): SchemaObject {
  if ('$ref' in schema) return described({ type: 'object', nullable: true, allOf: [schema] }, description);
  return described({ ...schema, nullable: true }, description ?? schema.description);
}

/**
 * An object schema that names every member of T: the compiler refuses a member left out or one
 * T does not have. Members are required unless listed in `optional`.
 */
export function objectOf<T>(
  properties: { [K in keyof T]-?: Schema },
  options: { description?: string; optional?: ReadonlyArray<keyof T & string> } = {},
): SchemaObject {
  const optional = new Set<string>(options.optional ?? []);
  return described(
    { type: 'object', required: Object.keys(properties).filter((k) => !optional.has(k)), properties: properties as Record<string, Schema> },
    options.description,
  );
}
