import { INestApplication, Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { ApplicationModuleOptions, BootstrapAdminUseCase, WorkflowRegistry } from '@compact/application';
import { AppModule } from './app.module';
import { apiJsonBody } from './http/json-body';
import { securityHeaders } from './http/security-headers';
import { workerOnlyHealth } from './http/worker-only-health';
import { setupOpenApi } from './openapi/setup-openapi';
import { setupWeb } from './web/setup-web';
import { uploadHint } from './web/document-words';
import { DrainState } from './shutdown/drain-state';

export interface CreateAppOptions extends ApplicationModuleOptions {
  logger?: LogLevel[] | false;
  /** Run the timer poller and mail dispatcher in this process (default: unless ROLE=api; tests drive them by hand). */
  workers?: boolean;
}

/** The configured (not yet listening) application: used by main.ts and by the e2e tests alike. */
export async function createApp(options: CreateAppOptions): Promise<INestApplication> {
  // Set before Express builds its router (Nest touches it while creating the application).
  const server = express();
  server.set('case sensitive routing', true);
  // Graceful shutdown (main.ts): counts requests in flight, and refuses those that come too late.
  const drain = new DrainState();
  server.use(drain.gate());
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ ...options, drain }), new ExpressAdapter(server), {
    bodyParser: false,
    // Let main() report a start-up failure (e.g. an unreachable database) and exit, rather than Nest.
    abortOnError: false,
    logger: options.logger ?? ['log', 'warn', 'error'],
  });
  app.set('trust proxy', options.config.trustProxy);
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(securityHeaders(options.config.publicUrl));
  if (options.config.role === 'worker') app.use(workerOnlyHealth());
  app.use('/api', ...apiJsonBody());
  setupWeb(app, options.compact.catalog.name, { registerPublic: options.config.registerEnabled, uploadHint: uploadHint(options.config.documentLimits) });
  const registry = app.get(WorkflowRegistry);
  setupOpenApi(app, { workflow: registry.default, stages: registry.stages().map((s) => s.state), compact: registry.compact });
  await app.init();
  const bootstrap = await app.get(BootstrapAdminUseCase).execute(options.config.adminToken, options.config.adminEmail);
  const logger = new Logger('Bootstrap');
  if (bootstrap.outcome === 'created') logger.log(`Created the administrator (${bootstrap.user.email}) from ADMIN_TOKEN`);
  if (bootstrap.outcome === 'ignored') {
    logger.warn(
      'ADMIN_TOKEN is set but was NOT used: an administrator already exists in this database and ADMIN_TOKEN is not ' +
        'their token, so it opens nothing. Use the token you were given first, issue a new one with ' +
        '`npm run cli -- create-token --email <admin email>`, or (for a demonstration) start afresh by stopping the ' +
        `service and removing the database${options.config.database.dialect === 'sqlite' ? ` (${options.config.database.path})` : ''}.`,
    );
  }
  return app;
}
