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
    case 'choice':
      return { type: 'string', minLength: 1, maxLength: 100, description: `${spec.label} (one of the options the case offers now)` };
    case 'integer':
      return { type: 'integer', minimum: spec.min, maximum: spec.max, description: spec.label };
    case 'actions':
      return {
        type: 'array',
        maxItems: spec.maxItems,
        description: `${spec.label}: who will do what, by an agreed date or within some working days of the agreement`,
        items: {
          type: 'object',
          required: ['party', 'action', 'due'],
          additionalProperties: false,
          properties: {
            party: { type: 'string', enum: ['claimant', 'respondent'] },
            action: { type: 'string', minLength: 1, maxLength: 1000 },
            due: {
              oneOf: [
                { type: 'object', required: ['on'], additionalProperties: false, properties: { on: { type: 'string', format: 'date' } } },
                {
                  type: 'object',
                  required: ['workingDaysAfterAgreement'],
                  additionalProperties: false,
                  properties: { workingDaysAfterAgreement: { type: 'integer', minimum: 1, maximum: 250 } },
                },
              ],
            },
          },
        },
      };
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
