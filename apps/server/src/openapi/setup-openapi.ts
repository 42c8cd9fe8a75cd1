import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { WorkflowDefinition } from '@compact/engine';
import { eventSchemas } from './event-schemas';

/** Serves the OpenAPI document at /api/docs (UI) and /api/docs-json. */
export function setupOpenApi(app: INestApplication, workflow: WorkflowDefinition, compactName: string): void {
  const config = new DocumentBuilder()
    .setTitle('Compact disputes API')
    .setDescription(
      `Disputes and alleged breaches of the ${compactName}, run through its escalation path: ` +
        'negotiation, then a mediator such as Compact Voice, then an agreed or statutory mechanism or the ombudsman. ' +
        'Errors are application/problem+json with a stable `code`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API token from POST /api/v1/users or the CLI' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const schemas = eventSchemas(workflow);
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...(schemas as any) } };
  const eventsPath = document.paths['/api/v1/cases/{id}/events']?.post;
  if (eventsPath) {
    eventsPath.requestBody = {
      required: true,
      content: {
        'application/json': {
          schema: { oneOf: Object.keys(schemas).map((name) => ({ $ref: `#/components/schemas/${name}` })) } as any,
        },
      },
    };
  }
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
