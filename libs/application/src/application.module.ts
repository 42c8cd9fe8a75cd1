import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown, Provider } from '@nestjs/common';
import { CompactIndex, Store } from '@compact/domain';
import { openDatabase, TypeOrmStore } from '@compact/persistence';
import { DataSource } from 'typeorm';
import { AuthenticateTokenUseCase } from './auth/authenticate-token.use-case';
import { BootstrapAdminUseCase } from './auth/bootstrap-admin.use-case';
import { GetCaseHistoryUseCase, VerifyCaseHistoryUseCase } from './cases/case-history.use-cases';
import { GetCaseActorNamesUseCase } from './cases/case-actor-names.use-case';
import { ExportCaseUseCase } from './cases/export-case.use-case';
import { GetCaseUseCase } from './cases/get-case.use-case';
import { ListCasesUseCase } from './cases/list-cases.use-case';
import { RaiseCaseUseCase } from './cases/raise-case.use-case';
import { MigrateCasesUseCase } from './migrations/migrate-cases.use-case';
import { SendCaseEventUseCase } from './cases/send-case-event.use-case';
import { APP_CONFIG } from './application.tokens';
import { AppConfig } from './config/app-config';
import { CreateOrganisationUseCase } from './organisations/create-organisation.use-case';
import { ListOrganisationsUseCase } from './organisations/list-organisations.use-case';
import { AnyoneCanSignInUseCase } from './organisations/anyone-can-sign-in.use-case';
import { Clock, SystemClock } from './runtime/clock';
import { WorkflowRegistry } from './runtime/workflow-registry';
import { CreateUserUseCase } from './users/create-user.use-case';
import { FireDueTimersUseCase } from './timers/fire-due-timers.use-case';
import { ListDeadlinesUseCase } from './timers/list-deadlines.use-case';
import { CaseMailPlanner } from './mail/case-mail-planner';
import { CaseChangeWriter } from './cases/case-change.writer';
import { FeedbackInvitationPlanner } from './feedback/feedback-invitation-planner';
import { PinLegacyCases } from './cases/pin-legacy-cases';
import { FillInMissedDeadlines } from './board/fill-in-missed-deadlines';
import { ExportCaseHistoriesUseCase, GetBoardStatisticsUseCase } from './board/board.use-cases';
import { ExportCaseRowsUseCase } from './board/export-case-rows.use-case';
import { InviteUserUseCase } from './web/invite-user.use-case';
import {
  AuthenticateSessionUseCase,
  RequestSignInLinkUseCase,
  SignInWithLinkUseCase,
  SignOutUseCase,
} from './web/sign-in.use-cases';
import { DispatchOutboxUseCase } from './mail/dispatch-outbox.use-case';
import { ListOutboxUseCase, RetryOutboxMessageUseCase } from './mail/outbox-admin.use-cases';
import { GetMailPreferenceUseCase, SetMailPreferenceUseCase } from './mail/mail-preference.use-cases';
import { EmlFileMailTransport, MailTransport, SmtpMailTransport } from '@compact/mail';
import { ListUsersUseCase } from './users/list-users.use-case';
import { DeactivateUserUseCase } from './users/deactivate-user.use-case';
import { IssueApiTokenUseCase } from './users/issue-api-token.use-case';
import { TrustedTokens } from './auth/trusted-tokens';
import { ListAdminAuditUseCase, VerifyAdminAuditUseCase } from './admin-audit/admin-audit.use-cases';
import { BackgroundTasks } from './runtime/background-tasks';
import { CheckConsultationUseCase, CheckNoticeUseCase } from './tools/calculator.use-cases';
import { OpenFeedbackLinkUseCase, SubmitFeedbackUseCase } from './feedback/feedback-form.use-cases';
import { GetFeedbackFiguresUseCase } from './feedback/get-feedback-figures.use-case';
import { GetBoardFeedbackUseCase, ListCaseFeedbackUseCase } from './feedback/case-feedback.use-case';
import { GetAnnualReportUseCase, SaveAnnualReportUseCase, SignOffAnnualReportUseCase } from './report/annual-report.use-cases';
import { RegisterFiguresPort, ReportFiguresSource } from './report/report-figures';
import { GetRegisterUseCase } from './register/get-register.use-case';
import { AttachDocumentUseCase } from './documents/attach-document.use-case';
import { GetDocumentUseCase, ListCaseDocumentsUseCase } from './documents/get-document.use-case';
import { PurgePendingDocumentsUseCase } from './documents/purge-pending-documents.use-case';
import { GetCaseBundleUseCase } from './bundle/get-case-bundle.use-case';
import { CountUploadUseCase } from './documents/count-upload.use-case';


export interface ApplicationModuleOptions {
  config: AppConfig;
  compact: CompactIndex;
  /** Tests inject a controllable clock; the service uses the system clock. */
  clock?: Clock;
  /** Tests may inject a transport; by default SMTP_URL, or .eml files under MAIL_DIR. */
  mailTransport?: MailTransport;
}

const USE_CASES = [
  AuthenticateTokenUseCase,
  BootstrapAdminUseCase,
  CreateOrganisationUseCase,
  ListOrganisationsUseCase,
  AnyoneCanSignInUseCase,
  CreateUserUseCase,
  ListUsersUseCase,
  DeactivateUserUseCase,
  IssueApiTokenUseCase,
  RaiseCaseUseCase,
  SendCaseEventUseCase,
  MigrateCasesUseCase,
  GetCaseUseCase,
  ListCasesUseCase,
  GetCaseHistoryUseCase,
  GetCaseActorNamesUseCase,
  VerifyCaseHistoryUseCase,
  ExportCaseUseCase,
  AttachDocumentUseCase,
  GetDocumentUseCase,
  ListCaseDocumentsUseCase,
  PurgePendingDocumentsUseCase,
  GetCaseBundleUseCase,
  CountUploadUseCase,
  FireDueTimersUseCase,
  DispatchOutboxUseCase,
  ListOutboxUseCase,
  RetryOutboxMessageUseCase,
  GetMailPreferenceUseCase,
  SetMailPreferenceUseCase,
  ListDeadlinesUseCase,
  RequestSignInLinkUseCase,
  SignInWithLinkUseCase,
  AuthenticateSessionUseCase,
  SignOutUseCase,
  InviteUserUseCase,
  GetBoardStatisticsUseCase,
  ExportCaseHistoriesUseCase,
  ExportCaseRowsUseCase,
  ListAdminAuditUseCase,
  VerifyAdminAuditUseCase,
  CheckNoticeUseCase,
  CheckConsultationUseCase,
  OpenFeedbackLinkUseCase,
  SubmitFeedbackUseCase,
  GetFeedbackFiguresUseCase,
  ListCaseFeedbackUseCase,
  GetBoardFeedbackUseCase,
  GetAnnualReportUseCase,
  SaveAnnualReportUseCase,
  SignOffAnnualReportUseCase,
  GetRegisterUseCase,
];

/** Closes the mail transport and the database when the application shuts down. */
@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly transport: MailTransport,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.transport.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** The use cases with their ports bound: TypeORM store, clock, workflow registry. Shared by the server and the CLI. */
@Module({})
export class ApplicationModule {
  static forRoot(options: ApplicationModuleOptions): DynamicModule {
    const { config, compact } = options;
    const providers: Provider[] = [
      { provide: APP_CONFIG, useValue: config },
      { provide: CompactIndex, useValue: compact },
      { provide: Clock, useValue: options.clock ?? new SystemClock() },
      {
        provide: WorkflowRegistry,
        useValue: new WorkflowRegistry(compact, {
          deadlineUnit: config.deadlineUnit,
          calendarClosures: config.calendarClosures,
          defaultWorkflow: config.workflowDefault,
        }),
      },
      { provide: DataSource, useFactory: () => openDatabase(config.database) },
      { provide: Store, useFactory: (dataSource: DataSource) => new TypeOrmStore(dataSource), inject: [DataSource] },
      {
        provide: MailTransport,
        useFactory: () =>
          options.mailTransport ??
          (config.smtpUrl
            ? new SmtpMailTransport(config.smtpUrl, { timeoutMs: config.mailSendTimeoutMs, connections: config.mailConcurrency })
            : new EmlFileMailTransport(config.mailDir)),
      },
      CaseMailPlanner,
      FeedbackInvitationPlanner,
      // The annual report reads the register through a port.
      { provide: RegisterFiguresPort, useExisting: GetRegisterUseCase },
      ReportFiguresSource,
      CaseChangeWriter,
      PinLegacyCases,
      FillInMissedDeadlines,
      TrustedTokens,
      BackgroundTasks,
      DatabaseLifecycle,
      ...USE_CASES,
    ];
    return {
      module: ApplicationModule,
      global: true,
      providers,
      exports: [APP_CONFIG, CompactIndex, Clock, WorkflowRegistry, DataSource, Store, MailTransport, TrustedTokens, BackgroundTasks, ...USE_CASES],
    };
  }
}
