import type { FieldSpec } from '@compact/domain';
import { CONFIDENTIAL_NOTE, CONFIDENTIAL_NOTE_SCHEMA, type WorkflowDefinition } from '@compact/engine';
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

/** What any event may carry besides its own fields: the documents attached to the case that it cites. */
const DOCUMENTS_FIELD: SchemaObject = {
  type: 'array',
  items: { type: 'string', format: 'uuid' },
  uniqueItems: true,
  nullable: true,
  description: 'Documents attached to the case (POST /api/v1/cases/{id}/documents) that the event cites; their sha256 go into its audit entry (DOCUMENTS_PER_EVENT at most, 10 by default)',
};

/** A schema for one event body. */
function bodySchema(type: string, title: string, description: string, schema: Record<string, FieldSpec>, example: Record<string, unknown>): SchemaObject {
  const properties: Record<string, SchemaObject> = { type: { type: 'string', enum: [type] } };
  // An optional field may also be sent as null (the same as leaving it out).
  for (const [name, spec] of Object.entries(schema)) properties[name] = spec.required ? fieldSchema(spec) : { ...fieldSchema(spec), nullable: true };
  properties.documents = DOCUMENTS_FIELD;
  return {
    type: 'object',
    title,
    description,
    required: ['type', ...Object.entries(schema).filter(([, s]) => s.required).map(([n]) => n)],
    properties,
    additionalProperties: false,
    example: { type, ...example },
  };
}

/** The event bodies a person can send: the workflow's own (generated from its definitions), and a confidential note. */
export function eventSchemas(workflow: WorkflowDefinition): Record<string, SchemaObject> {
  const schemas: Record<string, SchemaObject> = {};
  for (const def of personSent(workflow)) {
    schemas[eventSchemaName(def.type)] = bodySchema(def.type, def.label, `${def.description} Sent by ${def.senders}.`, def.schema, def.example);
  }
  schemas[eventSchemaName(CONFIDENTIAL_NOTE)] = bodySchema(
    CONFIDENTIAL_NOTE,
    'Send a confidential note',
    'While the mediator is mediating: a note (and documents) between the mediator and one party, which only those two sides see. ' +
      'Sent by a party (to: mediator) or by the mediator (to: claimant or respondent). The other party and the board see only that it was sent, and when; ' +
      'it changes neither the stage nor the deadlines, and leaves no trace in emails, exports or the bundle.',
    CONFIDENTIAL_NOTE_SCHEMA,
    { to: 'mediator', note: 'We could accept a phased reduction over six months.' },
  );
  return schemas;
}

const bodyTypes = (workflow: WorkflowDefinition) => [...personSent(workflow).map((def) => def.type), CONFIDENTIAL_NOTE];

/** The body of POST /api/v1/cases/{id}/events: one of the event schemas, told apart by `type`. */
export function eventBodySchema(workflow: WorkflowDefinition): SchemaObject {
  const types = bodyTypes(workflow);
  return {
    oneOf: types.map((type) => ref(eventSchemaName(type))),
    discriminator: { propertyName: 'type', mapping: Object.fromEntries(types.map((type) => [type, ref(eventSchemaName(type)).$ref])) },
  };
}
