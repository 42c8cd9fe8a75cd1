import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { Outbox1764100000000 } from './1764100000000-outbox';
import { WebSignIn1764200000000 } from './1764200000000-web-sign-in';
import { UserDeactivation1764300000000 } from './1764300000000-user-deactivation';
import { OutboxRecipients1764400000000 } from './1764400000000-outbox-recipients';
import { RequestThrottles1764500000000 } from './1764500000000-request-throttles';
import { AdminAudit1764600000000 } from './1764600000000-admin-audit';
import { CaseRulesAndSummary1764700000000 } from './1764700000000-case-rules-and-summary';
import { Feedback1765350000000 } from './1765350000000-feedback';
import { AnnualReports1765400000000 } from './1765400000000-annual-reports';
import { TimerClaims1765500000000 } from './1765500000000-timer-claims';
import { CaseStageStays1765600000000 } from './1765600000000-case-stage-stays';
import { CaseSearch1765650000000 } from './1765650000000-case-search';
import { BoardIndexes1765700000000 } from './1765700000000-board-indexes';
import { Documents1765750000000 } from './1765750000000-documents';
import { AuditPayloadDigests1765800000000 } from './1765800000000-audit-payload-digests';
import { BoardMissedDeadlines1765850000000 } from './1765850000000-board-missed-deadlines';
import { MailDigests1765900000000 } from './1765900000000-mail-digests';
import { FeedbackDayOnly1765950000000 } from './1765950000000-feedback-day-only';

/** Every migration, oldest first. Never edit one that has shipped; add a new one. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  Outbox1764100000000,
  WebSignIn1764200000000,
  UserDeactivation1764300000000,
  OutboxRecipients1764400000000,
  RequestThrottles1764500000000,
  AdminAudit1764600000000,
  CaseRulesAndSummary1764700000000,
  Feedback1765350000000,
  AnnualReports1765400000000,
  TimerClaims1765500000000,
  CaseStageStays1765600000000,
  CaseSearch1765650000000,
  BoardIndexes1765700000000,
  Documents1765750000000,
  AuditPayloadDigests1765800000000,
  BoardMissedDeadlines1765850000000,
  MailDigests1765900000000,
  FeedbackDayOnly1765950000000,
];
