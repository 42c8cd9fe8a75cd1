import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { ParameterObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import type { CompactIndex } from '@compact/domain';
import type { WorkflowDefinition } from '@compact/engine';
import { API_TAGS } from './api-tags';
import { BOARD_SCHEMAS } from './board.schemas';
import { CASE_SCHEMAS } from './case.schemas';
import { DOCUMENT_SCHEMAS } from './document.schemas';
import { COMPACT_SCHEMAS } from './compact.schemas';
import { eventBodySchema, eventSchemas } from './event-schemas';
import { PEOPLE_SCHEMAS } from './people.schemas';
import { PROBLEM_SCHEMA } from './problem.schema';
import { ref } from './schema-builders';
import { TOOLS_SCHEMAS } from './tools.schemas';

export interface OpenApiContext {
  /** The workflow new cases start on: its events are the body of POST /cases/{id}/events. */
  workflow: WorkflowDefinition;
  /** The top-level states of every installed version (the cases of a deployment may be on any): what GET /cases filters on. */
  stages: readonly string[];
  compact: CompactIndex;
}

function operations(document: OpenAPIObject) {
  return Object.values(document.paths).flatMap((item) => [item.get, item.post, item.put, item.patch, item.delete].filter((op) => op !== undefined));
}

function parameter(document: OpenAPIObject, path: string, name: string): ParameterObject {
  const op = document.paths[path]?.get;
  const found = op?.parameters?.find((p): p is ParameterObject => 'name' in p && p.name === name);
  if (!found) throw new Error(`The OpenAPI document has no parameter ${name} on GET ${path}`);
  return found;
}

/**
 * What only the running service knows: the events of its workflow, the stages it filters on and
 * the undertakings of its Compact. Request bodies refuse unknown fields (the validation pipe's
 * forbidNonWhitelisted), so their schemas say so.
 */
function addServiceFacts(document: OpenAPIObject, { workflow, stages, compact }: OpenApiContext): void {
  const schemas = document.components!.schemas as Record<string, SchemaObject | ReferenceObject>;
  // POST /api/v1/cases/{id}/events takes ref('CaseEvent') (its @ApiBody): one schema per event, told apart by `type`.
  Object.assign(schemas, eventSchemas(workflow), { CaseEvent: eventBodySchema(workflow) });

  schemas.UndertakingId = { type: 'string', enum: compact.undertakings().map((u) => u.id), description: 'An undertaking of the Compact in force', example: '4.5' };
  parameter(document, '/api/v1/cases', 'undertaking').schema = ref('UndertakingId');
  parameter(document, '/api/v1/compact/undertakings/{id}', 'id').schema = ref('UndertakingId');
  ((schemas.RaiseCaseRequest as SchemaObject).properties!.undertakings as SchemaObject).items = ref('UndertakingId');
  (parameter(document, '/api/v1/cases', 'state').schema as SchemaObject).enum = [...stages];
  (parameter(document, '/api/v1/cases', 'resolvedStage').schema as SchemaObject).enum = [...stages];

  for (const op of operations(document)) {
    const body = op.requestBody && 'content' in op.requestBody ? op.requestBody.content['application/json']?.schema : undefined;
    const name = body && '$ref' in body ? body.$ref.split('/').pop()! : undefined;
    const schema = name ? (schemas[name] as SchemaObject) : undefined;
    if (schema && schema.type === 'object') schema.additionalProperties = false;
  }
}

/** The OpenAPI 3.0 document of the API, as served at /api/docs-json. */
export function buildOpenApiDocument(app: INestApplication, context: OpenApiContext): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Compact disputes API')
    .setDescription(
      `Disputes and alleged breaches of the ${context.compact.catalog.name}, run through its escalation path: ` +
        'negotiation, then a mediator such as Compact Voice, then an agreed or statutory mechanism or the ombudsman. ' +
        'Every request but /health, the Compact and its calculators (/api/v1/tools) needs an API token. Errors are application/problem+json ' +
        '(the Problem schema) with a stable `code`; each operation lists the codes it can answer.',
    )
    .setVersion('1')
    // Relative: the API is wherever this document was fetched from (behind a proxy too).
    .addServer('/', 'The deployment serving this document')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'opaque', description: 'An API token from POST /api/v1/users, POST /api/v1/users/{id}/tokens or the CLI' },
      'bearer',
    )
    .addSecurityRequirements('bearer');
  for (const [name, description] of Object.entries(API_TAGS)) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build());
  // As package.json says: not licensed for use by others (the url explains the term). The
  // contact is each deployment's own administrators.
  document.info.license = { name: 'UNLICENSED', url: 'https://docs.npmjs.com/cli/configuring-npm/package-json#license' };
  document.info.contact = { name: 'The administrators of the deployment serving this document' };
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, Problem: PROBLEM_SCHEMA, ...CASE_SCHEMAS, ...DOCUMENT_SCHEMAS, ...BOARD_SCHEMAS, ...PEOPLE_SCHEMAS, ...COMPACT_SCHEMAS, ...TOOLS_SCHEMAS },
  };
  addServiceFacts(document, context);
  return document;
}

/** Serves the OpenAPI document at /api/docs (the Swagger UI) and /api/docs-json. */
export function setupOpenApi(app: INestApplication, context: OpenApiContext): void {
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app, context), { jsonDocumentUrl: 'api/docs-json' });
}
