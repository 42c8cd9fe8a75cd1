import type { FieldSpec } from '@compact/domain';
import type { WorkflowDefinition } from '@compact/engine';
import type { SchemaObject } from '@nestjs/swagger';
import { ref } from './schema-builders';

function fieldSchema(spec: FieldSpec): SchemaObject {
  switch (spec.kind) {
    case 'text':
      return { type: 'string', minLength: 1, maxLength: spec.maxLength, pattern: '\\S', description: `${spec.label} (not blank)` };
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

/** The events a person can send (the others come from the service's own deadlines). */
const personSent = (workflow: WorkflowDefinition) => Object.values(workflow.events).filter((def) => !def.senders.startsWith('the system'));

export const eventSchemaName = (type: string) => `CaseEvent_${type}`;

/** One OpenAPI schema per event a person can send, generated from the workflow's own definitions. */
export function eventSchemas(workflow: WorkflowDefinition): Record<string, SchemaObject> {
  const schemas: Record<string, SchemaObject> = {};
  for (const def of personSent(workflow)) {
    const properties: Record<string, SchemaObject> = { type: { type: 'string', enum: [def.type] } };
    // An optional field may also be sent as null (the same as leaving it out).
    for (const [name, spec] of Object.entries(def.schema)) properties[name] = spec.required ? fieldSchema(spec) : { ...fieldSchema(spec), nullable: true };
    schemas[eventSchemaName(def.type)] = {
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

/** The body of POST /api/v1/cases/{id}/events: one of the event schemas, told apart by `type`. */
export function eventBodySchema(workflow: WorkflowDefinition): SchemaObject {
  const types = personSent(workflow).map((def) => def.type);
  return {
    oneOf: types.map((type) => ref(eventSchemaName(type))),
    discriminator: { propertyName: 'type', mapping: Object.fromEntries(types.map((type) => [type, ref(eventSchemaName(type)).$ref])) },
  };
}
