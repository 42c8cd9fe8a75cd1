import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AdminAuditController } from './admin-audit/admin-audit.controller';
import { BoardController } from './board/board.controller';
import { MigrationsController } from './migrations/migrations.controller';
import { APP_CONFIG, AppConfig, ApplicationModule, ApplicationModuleOptions, Clock } from '@compact/application';
import { Store } from '@compact/domain';
import { ThrottlerModule } from '@nestjs/throttler';
import { CasesController } from './cases/cases.controller';
import { DocumentsController } from './documents/documents.controller';
import { BundleController } from './documents/bundle.controller';
import { BundlePageController } from './web/controllers/bundle-page.controller';
import { InfoPagesController } from './web/controllers/info-pages.controller';
import { CompactPagesController } from './web/controllers/compact-pages.controller';
import { CaseEventPagesController } from './web/controllers/case-event-pages.controller';
import { CaseDocumentPagesController } from './web/controllers/case-document-pages.controller';
import { CasePageRenderer } from './web/case-page.renderer';
import { DeadlinesController } from './deadlines/deadlines.controller';
import { OutboxController } from './outbox/outbox.controller';
import { BackgroundWorkers, RUN_WORKERS } from './workers/background-workers';
import { DrainState } from './shutdown/drain-state';
import { TrustChangesService } from './users/trust-changes.service';
import { CompactController } from './compact/compact.controller';
import { HealthController } from './health/health.controller';
import { ToolsController } from './tools/tools.controller';
import { AuthGuard, BAD_TOKEN_MESSAGE } from './http/auth.guard';
import { DatabaseThrottlerStorage } from './http/database-throttler.storage';
import { RequestBodyGuard } from './http/request-body.guard';
import { RolesGuard } from './http/roles';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { ApiValidationPipe } from './http/validation.pipe';
import { OrganisationsController } from './organisations/organisations.controller';
import { UsersController } from './users/users.controller';
import { AdminPagesController } from './web/controllers/admin-pages.controller';
import { BoardPagesController } from './web/controllers/board-pages.controller';
import { BoardReportPagesController } from './web/controllers/board-report-pages.controller';
import { CasePagesController } from './web/controllers/case-pages.controller';
import { RaiseCasePagesController } from './web/controllers/raise-case-pages.controller';
import { SignInPageController } from './web/controllers/sign-in.page.controller';
import { StartPageController } from './web/controllers/start.page.controller';
import { ToolsPagesController } from './web/controllers/tools-pages.controller';
import { FeedbackPagesController } from './web/controllers/feedback-pages.controller';
import { AccountEmailPagesController } from './web/controllers/account-email-pages.controller';
import { RegisterDataController } from './web/controllers/register-data.controller';
import { RegisterPagesController } from './web/controllers/register-pages.controller';
import { WebExceptionFilter } from './web/web-exception.filter';
import { WebGuard } from './web/web.guard';

@Module({})
export class AppModule {
  static forRoot(options: ApplicationModuleOptions & { workers?: boolean; drain?: DrainState }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ApplicationModule.forRoot(options),
        // Unknown API tokens per client address (see AuthGuard); the counters live in the database.
        ThrottlerModule.forRootAsync({
          inject: [APP_CONFIG, Store, Clock],
          useFactory: (config: AppConfig, store: Store, clock: Clock) => ({
            throttlers: [{ name: 'default', limit: config.badTokenLimit, ttl: config.badTokenWindowMinutes * 60_000 }],
            storage: new DatabaseThrottlerStorage(store, clock),
            errorMessage: BAD_TOKEN_MESSAGE,
          }),
        }),
      ],
      controllers: [
        StartPageController,
        InfoPagesController,
        CompactPagesController,
        SignInPageController,
        RaiseCasePagesController,
        BundlePageController,
        CasePagesController,
        CaseEventPagesController,
        CaseDocumentPagesController,
        BoardPagesController,
        BoardReportPagesController,
        AdminPagesController,
        ToolsPagesController,
        FeedbackPagesController,
        AccountEmailPagesController,
        RegisterPagesController,
        RegisterDataController,
        HealthController,
        CompactController,
        ToolsController,
        OrganisationsController,
        UsersController,
        CasesController,
        DocumentsController,
        BundleController,
        DeadlinesController,
        BoardController,
        OutboxController,
        AdminAuditController,
        MigrationsController,
      ],
      providers: [
        // ROLE=api serves HTTP only; `workers` (the tests) overrides it.
        { provide: RUN_WORKERS, useValue: options.workers ?? options.config.role !== 'api' },
        BackgroundWorkers,
        { provide: DrainState, useValue: options.drain ?? new DrainState() },
        TrustChangesService,
        // In this order: who you are (401), whether your role may use the route (403), then the body (400, 415).
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_GUARD, useClass: RequestBodyGuard },
        { provide: APP_PIPE, useClass: ApiValidationPipe },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        WebGuard,
        WebExceptionFilter,
        CasePageRenderer,
      ],
    };
  }
}
