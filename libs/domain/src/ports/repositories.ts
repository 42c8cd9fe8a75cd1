import { AdminAuditEntry, AuditChainHead } from '../admin/admin-audit-entry';
import { AuditEntry } from '../cases/audit-entry';
import { CaseParticipant, CaseRecord } from '../cases/case-record';
import { CaseOutcome, CaseRules } from '../cases/case-rules';
import { CaseTimer } from '../cases/case-timer';
import { CaseSearch } from '../cases/case-search';
import { OutboxMessage, OutboxMessageSummary, OutboxRecipient, OutboxStatus } from '../mail/outbox-message';
import { MailDigestRepository } from '../mail/mail-digest';
import { SignInLink, WebSession } from '../sessions/web-session';
import { Organisation } from '../parties/organisation';
import { User } from '../parties/user';
import { ThrottleHit, ThrottleRule } from '../throttling/throttle-window';
import { FeedbackInvitation, FeedbackResponse, FeedbackTally } from '../feedback/feedback';
import { AnnualReportRepository } from '../reports/annual-report-record';
import { BoardRepository } from './board-repository';
import { RegisterRepository, TimeWindow } from './register-repository';
import { DocumentRepository } from './document-repository';

export abstract class OrganisationRepository {
  /**
   * Inserts the organisation unless its name (ignoring case) is taken: false then, and nothing is
   * written. The unique index decides, so of two inserts at once only one can succeed.
   */
  abstract insert(organisation: Organisation): Promise<boolean>;
  abstract findById(id: string): Promise<Organisation | null>;
  abstract findByIds(ids: string[]): Promise<Organisation[]>;
  abstract findByName(name: string): Promise<Organisation | null>;
  abstract list(): Promise<Organisation[]>;
}

export abstract class UserRepository {
  /** Inserts the user unless the email address is taken: false then, and nothing is written (the unique index decides). */
  abstract insert(user: User): Promise<boolean>;
  abstract findById(id: string): Promise<User | null>;
  abstract findByEmail(email: string): Promise<User | null>;
  /** The organisation's active users (those who receive its mail). */
  abstract findByOrganisation(organisationId: string): Promise<User[]>;
  abstract list(): Promise<User[]>;
  /** Active users with this role. */
  abstract countByRole(role: User['role']): Promise<number>;
  /** Marks the user deactivated and deletes their API tokens, browser sessions and sign-in links. */
  abstract deactivate(userId: string, at: Date): Promise<void>;
  abstract addToken(userId: string, tokenHash: string, label: string, at: Date): Promise<void>;
  abstract findByTokenHash(tokenHash: string): Promise<User | null>;
}

/** What a reader may see of the cases: all, or those in which one organisation takes one of some parts. */
export type CaseVisibility = { all: true } | { all: false; organisationId: string; parts: CaseParticipant['part'][] };

export interface CaseListQuery {
  visibility: CaseVisibility;
  state?: string;
  undertakingId?: string;
  organisationId?: string;
  /** With organisationId: only cases in which that organisation takes this part. */
  part?: CaseParticipant['part'];
  /** Only cases whose kept outcome is one of these. */
  outcomes?: readonly CaseOutcome[];
  /** Only cases raised (created) in this window, from included to excluded. */
  raised?: TimeWindow;
  /** Only cases resolved at this top-level stage (their kept resolved stage). */
  resolvedStage?: string;
  /** Only cases in which a deadline was missed (open or not). */
  missed?: boolean;
  /** Only cases in which this organisation missed a deadline it had to meet. */
  missedBy?: string;
  /** Only cases still open (or following up an agreement) in which a deadline was missed. */
  overdue?: boolean;
  /** Only cases whose reference, title and summary hold these words (or, for a reference, that case). */
  search?: CaseSearch;
  /** Exclusive cursor: the createdAt and id of the last case already seen. */
  after?: { createdAt: Date; id: string };
  limit: number;
}

export abstract class CaseRepository {
  abstract insert(record: CaseRecord): Promise<void>;
  /** Loads a case; inside a write, `lock` takes the row for the rest of the transaction. */
  abstract findById(id: string, options?: { lock?: boolean }): Promise<CaseRecord | null>;
  /**
   * Inside a write, takes the case's row without waiting: `busy` when another transaction holds it
   * (with row locks, PostgreSQL; SQLite runs one transaction at a time), null when there is no such case.
   */
  abstract lockIfFree(id: string): Promise<CaseRecord | 'busy' | null>;
  /** Saves the workflow (name, version), snapshot and derived fields if the stored version is still `expectedVersion`; false otherwise. */
  abstract update(record: CaseRecord, expectedVersion: number): Promise<boolean>;
  /** Adds organisations to the participants the case lists are filtered on (the record's own list is saved by update). */
  abstract addParticipants(caseId: string, participants: CaseParticipant[]): Promise<void>;
  /** Records a new audit chain head for an entry that does not change the case (e.g. a reminder sent). */
  abstract setAuditHead(caseId: string, seq: number, hash: string): Promise<void>;
  abstract list(query: CaseListQuery): Promise<CaseRecord[]>;
  abstract listAllIds(): Promise<string[]>;
  /** Ids of the cases on one workflow version, in id order after `afterId` (to page through them). */
  abstract listIdsOnWorkflow(name: string, version: number, afterId: string | null, limit: number): Promise<string[]>;
  /** Cases written before cases recorded their rules and summary (filled in once, at start-up). */
  abstract listUnpinned(limit: number): Promise<Array<Pick<CaseRecord, 'id' | 'workflowName' | 'workflowVersion' | 'state' | 'snapshot'>>>;
  /** Records the rules and summary of a case written before they were kept. */
  abstract pin(id: string, rules: CaseRules, summary: Pick<CaseRecord, 'outcome' | 'deadlinesMet' | 'deadlinesMissed' | 'resolvedAt' | 'resolvedStage'>): Promise<void>;
  /** Next number in the per-compact, per-year reference sequence. */
  abstract nextReferenceNumber(compactId: string, year: number): Promise<number>;
}

export abstract class AuditRepository {
  abstract append(entry: AuditEntry): Promise<void>;
  abstract last(caseId: string): Promise<AuditEntry | null>;
  abstract listByCase(caseId: string): Promise<AuditEntry[]>;
  /** Entries of several cases, by case then seq. */
  abstract listByCases(caseIds: string[]): Promise<AuditEntry[]>;
}

/** The deployment's administration trail: append-only entries in one hash chain, and its head. */
export abstract class AdminAuditRepository {
  /**
   * Inside a write: the head of the chain (seq 0 before the first entry), held for the rest of the
   * transaction (a row lock on PostgreSQL; SQLite runs one write at a time), so that two actions
   * at once cannot both link onto the same entry.
   */
  abstract lockHead(): Promise<AuditChainHead>;
  /** Appends the entry sealed onto the locked head, and moves the head to it. */
  abstract append(entry: AdminAuditEntry): Promise<void>;
  /** The head as recorded; null when its row is missing. */
  abstract head(): Promise<AuditChainHead | null>;
  /** The greatest seq stored (0 when none). */
  abstract maxSeq(): Promise<number>;
  /** Newest first, entries before `beforeSeq` when given. */
  abstract listNewestFirst(limit: number, beforeSeq?: number): Promise<AdminAuditEntry[]>;
  /** Oldest first: entries after `afterSeq` up to `uptoSeq` included. */
  abstract listRange(afterSeq: number, uptoSeq: number, limit: number): Promise<AdminAuditEntry[]>;
}

export abstract class TimerRepository {
  abstract insert(timers: CaseTimer[]): Promise<void>;
  /** Deletes the case's timers with these keys, and the reminders that belong to them; answers what was deleted. */
  abstract cancel(caseId: string, keys: string[]): Promise<Array<Pick<CaseTimer, 'key' | 'purpose'>>>;
  /** Moves one pending timer (an agreed extension). */
  abstract move(id: string, to: Pick<CaseTimer, 'dueAt' | 'dueDate' | 'rule' | 'extendedDays'>): Promise<void>;
  abstract listByCase(caseId: string): Promise<CaseTimer[]>;
  /** The pending timers of several cases (a page of a list), each case's in due order. */
  abstract listByCases(caseIds: string[]): Promise<CaseTimer[]>;
  /** Pending deadlines (purpose `deadline`) due before `before` in the cases `visibility` allows, soonest first. */
  abstract listDeadlines(before: Date, visibility: CaseVisibility, limit: number): Promise<CaseTimer[]>;
  /** The earliest timers due at or before `now`, oldest first. */
  abstract findDue(now: Date, limit: number): Promise<CaseTimer[]>;
  /**
   * Inside a write: marks up to `limit` of the earliest due timers that no other poll holds as
   * `owner`'s until `until`, and answers them oldest first. Polls of several instances claim
   * disjoint timers (rows another poll is claiming at that moment are skipped, not waited for).
   */
  abstract claimDue(now: Date, limit: number, owner: string, until: Date): Promise<CaseTimer[]>;
  /** Inside a write: frees every timer `owner` still holds (those it left for a later poll); null: every claim. */
  abstract releaseClaims(owner: string | null): Promise<number>;
  /**
   * Inside a write: whether an earlier due timer of the case is held by another poll (its
   * timers are then left to that poll, so that they apply in due order).
   */
  abstract earlierHeldElsewhere(timer: Pick<CaseTimer, 'caseId' | 'dueAt' | 'id'>, owner: string, now: Date): Promise<boolean>;
  /**
   * Inside a write: takes one timer for this transaction; null when it is gone (fired or
   * cancelled); 'locked' when another transaction holds its row at this moment (a poll of another
   * instance passing over it), so that it is left for a later poll, not taken for gone.
   */
  abstract claim(id: string): Promise<CaseTimer | 'locked' | null>;
  /** Deletes one timer; false when it was already gone. */
  abstract delete(id: string): Promise<boolean>;
}

export interface OutboxListQuery {
  status: OutboxStatus | null;
  /** Exclusive cursor: the createdAt and id of the last message already seen (newest first). */
  after?: { createdAt: Date; id: string };
  limit: number;
}

/** What an attempt (or giving up) leaves on a message. */
export interface OutboxSettlement {
  status: Exclude<OutboxStatus, 'sending'>;
  recipients: OutboxRecipient[];
  lastError: string | null;
  /** When pending: the next attempt. */
  nextAttemptAt: Date | null;
  sentAt: Date | null;
  /** Set: the body is erased at this time (a sign-in link delivered or expired). */
  eraseAt: Date | null;
}

export abstract class OutboxRepository {
  abstract enqueue(messages: OutboxMessage[]): Promise<void>;
  /** Pending messages whose next attempt is due, and `sending` ones whose lease ran out (a crash mid-send). */
  abstract findReady(now: Date, limit: number): Promise<OutboxMessage[]>;
  /** Ready messages (as findReady) that have had `maxAttempts` attempts already: to be failed, never sent again. */
  abstract findExhausted(now: Date, maxAttempts: number, limit: number): Promise<OutboxMessage[]>;
  /**
   * Inside a write: takes up to `limit` of the earliest ready messages for `owner` until
   * `leaseUntil`, counting one attempt on each, and answers them as the lease left them. Messages
   * that have had `maxAttempts` already, or whose content expired, are not taken; rows another
   * instance is taking at that moment are skipped, not waited for, so instances take disjoint mail.
   */
  abstract leaseReady(now: Date, owner: string, leaseUntil: Date, limit: number, maxAttempts: number): Promise<OutboxMessage[]>;
  /** Extends `owner`'s lease while a send is in flight; false when the lease is no longer theirs. */
  abstract renewLease(id: string, owner: string, leaseUntil: Date): Promise<boolean>;
  /** Records how `owner`'s attempt went; false (nothing written) when the lease is no longer theirs. */
  abstract completeAttempt(id: string, owner: string, settlement: OutboxSettlement): Promise<boolean>;
  /**
   * Settles, without an attempt, a message nobody is sending (every attempt was used, or its
   * content expired), if it is still as `seen` (same status and attempts; a `sending` one only once
   * its lease has run out). False when it changed meanwhile or is being sent.
   */
  abstract settleIdle(id: string, now: Date, seen: Pick<OutboxMessage, 'status' | 'attempts'>, settlement: OutboxSettlement): Promise<boolean>;
  /**
   * After a restart: makes the sends this instance was making when it stopped due again now.
   * Only a database that one instance uses (SQLite) knows that every `sending` row is such an
   * orphan; on a shared one (PostgreSQL) a `sending` row may be another live instance's, and comes
   * back by itself when its short lease runs out. Returns how many were released.
   */
  abstract releaseInterruptedSends(now: Date): Promise<number>;
  /** Messages whose content expired at or before `now` and is not erased yet, that nobody is sending. */
  abstract findExpired(now: Date, limit: number): Promise<OutboxMessage[]>;
  abstract findById(id: string): Promise<OutboxMessage | null>;
  /** Newest first; never the bodies. */
  abstract list(query: OutboxListQuery): Promise<OutboxMessageSummary[]>;
  /** A failed message becomes pending again, due now, with fresh attempts and these recipients; false if it was not failed. */
  abstract requeue(id: string, now: Date, recipients: OutboxRecipient[]): Promise<boolean>;
}

export abstract class SessionRepository {
  abstract insertLink(link: SignInLink): Promise<void>;
  /** Marks an unused, unexpired link used and returns it; null when it is unknown, used or expired. */
  abstract consumeLink(tokenHash: string, now: Date): Promise<SignInLink | null>;
  /** Deletes the person's links not yet used (a newer one replaces them); returns how many went. */
  abstract discardUnusedLinks(userId: string): Promise<number>;
  abstract insertSession(session: WebSession): Promise<void>;
  abstract findSession(tokenHash: string, now: Date): Promise<WebSession | null>;
  abstract deleteSession(tokenHash: string): Promise<void>;
  /** Removes expired links and sessions; returns how many rows went. */
  abstract purgeExpired(now: Date): Promise<number>;
}

/**
 * Counters of what one key (a client address, an email address; stored only as a hash) did lately,
 * shared by every instance on the same database, so limits hold across instances.
 */
export abstract class ThrottleRepository {
  /** Counts one more hit on the key under the rule; forgets keys whose window and block are over. */
  abstract hit(keyHash: string, rule: ThrottleRule, now: Date): Promise<ThrottleHit>;
  /** How long the key stays blocked (0 when it is not), without counting a hit. */
  abstract blockedForMs(keyHash: string, now: Date): Promise<number>;
}

/**
 * Feedback after a case, in its own tables (never in the audit trail): invitations (the token only
 * as a hash, no person) and the answers, tied to the case and the side that answered.
 */
export abstract class FeedbackRepository {
  abstract insertInvitations(invitations: FeedbackInvitation[]): Promise<void>;
  /** Whether the case's feedback was ever asked for (it is asked once per case). */
  abstract invited(caseId: string): Promise<boolean>;
  abstract findInvitation(tokenHash: string): Promise<FeedbackInvitation | null>;
  /**
   * Marks an unused invitation unexpired at `now` used (recording `usedOn`) and returns it; null
   * when it is unknown, used or expired. One statement decides, so of two submissions at once only
   * one claims it.
   */
  abstract claim(tokenHash: string, now: Date, usedOn: Date): Promise<FeedbackInvitation | null>;
  abstract insertResponse(response: FeedbackResponse): Promise<void>;
  /** Answers of these cases (every case when omitted), by case then side. */
  abstract listResponses(caseIds?: string[]): Promise<FeedbackResponse[]>;
  /** The cases with answers, answered most lately first, at most `limit`; with `year`, only cases that ended in it. */
  abstract casesAnswered(limit: number, year?: number): Promise<string[]>;
  /** Invitations and answers counted by stage reached and year ended (one year when given), by SQL aggregates. */
  abstract tally(year?: number): Promise<FeedbackTally[]>;
}

/** Repositories bound to one unit of work. */
export interface Repositories {
  organisations: OrganisationRepository;
  users: UserRepository;
  cases: CaseRepository;
  audit: AuditRepository;
  timers: TimerRepository;
  outbox: OutboxRepository;
  /** Each person's email choice, and the mail held for their daily digest. */
  digests: MailDigestRepository;
  sessions: SessionRepository;
  adminAudit: AdminAuditRepository;
  throttles: ThrottleRepository;
  feedback: FeedbackRepository;
  annualReports: AnnualReportRepository;
  /** Counts for the public register (aggregates only). */
  register: RegisterRepository;
  /** The governance board's figures (aggregates), and the stage stays they are counted from. */
  board: BoardRepository;
  /** Evidence documents: their bytes by sha256, and their attachments to cases. */
  documents: DocumentRepository;
}

/**
 * The database port. `write` runs its work in ONE transaction (committed when the promise
 * resolves, rolled back when it rejects); `read` gives a consistent view without writing.
 */
export abstract class Store {
  abstract read<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  abstract write<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  abstract ping(): Promise<void>;
}
