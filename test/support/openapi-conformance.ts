/**
 * Checks a JSON value against a schema of an OpenAPI 3.0 document, strictly: an object schema
 * that lists its properties is closed (a member the server sends but the document does not name is
 * a problem) unless it says `additionalProperties`. Covers what this API's document uses: $ref,
 * allOf, anyOf, oneOf (with a discriminator), nullable, type, enum, format (uuid, date, date-time,
 * email, uri), pattern, lengths, bounds, items, required and properties. Answers every problem
 * found, each with its JSON path; none means the value conforms.
 */
type Schema = Record<string, any>;

const FORMATS: Record<string, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  date: /^\d{4}-\d{2}-\d{2}$/,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  email: /^[^\s@]+@[^\s@]+$/,
  uri: /^[a-z][a-z0-9+.-]*:\S+$/i,
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

export class OpenApiConformance {
  constructor(private readonly document: Schema) {}

  resolve(schema: Schema): Schema {
    let current = schema;
    while (current.$ref) {
      const target = (current.$ref as string).replace(/^#\//, '').split('/').reduce((node: any, key) => node?.[key], this.document);
      if (!target) throw new Error(`unresolvable $ref ${current.$ref}`);
      current = target;
    }
    return current;
  }

  problems(schemaOrRef: Schema, value: unknown, path = '$'): string[] {
    const schema = this.resolve(schemaOrRef);
    if (value === null) return schema.nullable ? [] : [`${path}: null, but the schema is not nullable`];
    const out: string[] = [];
    for (const part of schema.allOf ?? []) out.push(...this.problems(part, value, path));
    if (schema.anyOf && !schema.anyOf.some((s: Schema) => this.problems(s, value, path).length === 0)) out.push(`${path}: matches none of anyOf`);
    if (schema.oneOf) out.push(...this.oneOf(schema, value, path));
    const actual = typeOf(value);
    if (schema.type && !(schema.type === actual || (schema.type === 'number' && actual === 'integer'))) return [...out, `${path}: ${actual}, documented as ${schema.type}`];
    if (schema.enum && !schema.enum.includes(value)) out.push(`${path}: ${JSON.stringify(value)} is not one of the documented ${JSON.stringify(schema.enum)}`);
    if (typeof value === 'string') out.push(...this.text(schema, value, path));
    if (typeof value === 'number') {
      if (schema.minimum !== undefined && value < schema.minimum) out.push(`${path}: ${value} < minimum ${schema.minimum}`);
      if (schema.maximum !== undefined && value > schema.maximum) out.push(`${path}: ${value} > maximum ${schema.maximum}`);
    }
    if (Array.isArray(value)) {
      if (schema.maxItems !== undefined && value.length > schema.maxItems) out.push(`${path}: more than ${schema.maxItems} items`);
      if (schema.items) value.forEach((item, i) => out.push(...this.problems(schema.items, item, `${path}[${i}]`)));
    }
    if (actual === 'object') out.push(...this.object(schema, value as Record<string, unknown>, path));
    return out;
  }

  private oneOf(schema: Schema, value: unknown, path: string): string[] {
    const tag = schema.discriminator && typeof value === 'object' ? (value as Record<string, unknown>)[schema.discriminator.propertyName] : undefined;
    if (schema.discriminator) {
      const target = schema.discriminator.mapping?.[String(tag)];
      return target ? this.problems({ $ref: target }, value, path) : [`${path}: discriminator ${schema.discriminator.propertyName}=${JSON.stringify(tag)} is not mapped`];
    }
    const matching = schema.oneOf.filter((s: Schema) => this.problems(s, value, path).length === 0).length;
    return matching === 1 ? [] : [`${path}: matches ${matching} of oneOf, not exactly one`];
  }

  private text(schema: Schema, value: string, path: string): string[] {
    const out: string[] = [];
    if (schema.format && FORMATS[schema.format] && !FORMATS[schema.format].test(value)) out.push(`${path}: ${JSON.stringify(value)} is not format ${schema.format}`);
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) out.push(`${path}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
    if (schema.minLength !== undefined && value.length < schema.minLength) out.push(`${path}: shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) out.push(`${path}: longer than ${schema.maxLength}`);
    return out;
  }

  private object(schema: Schema, value: Record<string, unknown>, path: string): string[] {
    const out: string[] = [];
    for (const name of schema.required ?? []) if (!(name in value)) out.push(`${path}.${name}: required, but missing`);
    const properties: Record<string, Schema> = schema.properties ?? {};
    for (const [name, member] of Object.entries(value)) {
      if (properties[name]) out.push(...this.problems(properties[name], member, `${path}.${name}`));
      else if (schema.properties && !schema.additionalProperties && !schema.allOf) out.push(`${path}.${name}: sent, but not documented`);
    }
    return out;
  }
}
