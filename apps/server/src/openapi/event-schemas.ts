import type { FieldSpec } from '@compact/domain';
import type { WorkflowDefinition } from '@compact/engine';

type JsonSchema = Record<string, unknown>;

function fieldSchema(spec: FieldSpec): JsonSchema {
  switch (spec.kind) {
    case 'text':
      return { type: 'string', minLength: 1, maxLength: spec.maxLength, description: spec.label };
    case 'enum':
      return { type: 'string', enum: [...spec.values], description: spec.label };
    case 'date':
      return { type: 'string', format: 'date', description: spec.label + (spec.notInFuture ? ' (not in the future)' : '') };
    case 'organisation':
      return { type: 'string', format: 'uuid', description: `${spec.label} (a ${spec.organisationKind} organisation)` };
  }
}

/** One OpenAPI schema per event a person can send, generated from the workflow's own definitions. */
export function eventSchemas(workflow: WorkflowDefinition): Record<string, JsonSchema> {
  const schemas: Record<string, JsonSchema> = {};
  for (const def of Object.values(workflow.events)) {
    if (def.senders.startsWith('the system')) continue;
    const properties: Record<string, JsonSchema> = { type: { type: 'string', enum: [def.type] } };
    for (const [name, spec] of Object.entries(def.schema)) properties[name] = fieldSchema(spec);
    schemas[`CaseEvent_${def.type}`] = {
      type: 'object',
      title: def.label,
      description: `${def.description} Sent by ${def.senders}.`,
      required: ['type', ...Object.entries(def.schema).filter(([, s]) => s.required).map(([n]) => n)],
      properties,
      additionalProperties: false,
      example: { type: def.type, ...def.example },
    };
  }
  return schemas;
}
