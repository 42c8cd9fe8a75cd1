import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, FeedbackAnswers, feedbackAnsweredOn, FeedbackInvitation, FeedbackRole, Repositories, Store } from '@compact/domain';
import { APP_CONFIG } from '../application.tokens';
import { AppConfig } from '../config/app-config';
import { Clock } from '../runtime/clock';
import { throttleKey } from '../web/sign-in.use-cases';
import { checkedAnswers } from './feedback-answers';
import { feedbackTokenHash } from './feedback-token';

/**
 * Where a feedback link stands. Only an open link says which case it is about (its reference, for
 * the person to recognise); a used, expired or unknown one says nothing about any case.
 */
export type FeedbackLink =
  | { state: 'open'; reference: string; role: FeedbackRole }
  | { state: 'answered' }
  | { state: 'expired' }
  | { state: 'unknown' };

/** `saved` when the answers were stored; otherwise where the link stands (nothing stored). */
export type SubmitOutcome = 'saved' | Exclude<FeedbackLink['state'], 'open'>;

/** A token can only be letters, digits, - and _; anything else is no link of ours (and is not looked up). */
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

const BLOCKED = Symbol('blocked');

/** Counts one request of the client; true when it is over the limit (the count is kept: the caller commits, then refuses). */
async function overLimit(repos: Repositories, client: string, config: AppConfig, at: Date): Promise<boolean> {
  const window = config.signInLimitWindowMinutes * 60_000;
  const hit = await repos.throttles.hit(throttleKey('feedback-client', client), { windowMs: window, limit: config.feedbackLimitPerClient, blockMs: window }, at);
  return hit.blocked;
}

/** Refuses, after the transaction that counted the request has committed. */
function unlessBlocked<T>(result: T | typeof BLOCKED): T {
  if (result === BLOCKED) {
    throw new DomainError(ErrorCode.TOO_MANY_REQUESTS, 'Too many feedback pages were asked for from your address. Wait a few minutes, then try again.');
  }
  return result;
}

async function linkOf(repos: Repositories, invitation: FeedbackInvitation | null, now: Date): Promise<FeedbackLink> {
  if (!invitation) return { state: 'unknown' };
  if (invitation.usedAt) return { state: 'answered' };
  if (invitation.expiresAt.getTime() <= now.getTime()) return { state: 'expired' };
  const record = await repos.cases.findById(invitation.caseId);
  return record ? { state: 'open', reference: record.reference, role: invitation.role } : { state: 'unknown' };
}

/** Opens a feedback link (public: the token is the credential), counted against the client's limit. */
@Injectable()
export class OpenFeedbackLinkUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(token: string, client: string): Promise<FeedbackLink> {
    const now = this.clock.now();
    const result = await this.store.write(async (r): Promise<FeedbackLink | typeof BLOCKED> => {
      if (await overLimit(r, client, this.config, now)) return BLOCKED;
      if (!TOKEN.test(token)) return { state: 'unknown' };
      return linkOf(r, await r.feedback.findInvitation(feedbackTokenHash(token)), now);
    });
    return unlessBlocked(result);
  }
}

/**
 * Answers a feedback link, once: the invitation is claimed by one conditional update (of two
 * submissions at once, one claims it and the other finds it used) and the answer is written with
 * the case, the side and the stage, never the person. Nothing is written to the case's audit trail.
 */
@Injectable()
export class SubmitFeedbackUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(token: string, answers: FeedbackAnswers, client: string): Promise<SubmitOutcome> {
    const now = this.clock.now();
    const checked = checkedAnswers(answers);
    const result = await this.store.write(async (r): Promise<SubmitOutcome | typeof BLOCKED> => {
      if (await overLimit(r, client, this.config, now)) return BLOCKED;
      if (!TOKEN.test(token)) return 'unknown';
      const hash = feedbackTokenHash(token);
      // The day only, for the link's use and the answer alike (see feedbackAnsweredOn).
      const answeredOn = feedbackAnsweredOn(now);
      const invitation = await r.feedback.claim(hash, now, answeredOn);
      if (!invitation) {
        const link = await linkOf(r, await r.feedback.findInvitation(hash), now);
        return link.state === 'open' ? 'answered' : link.state;
      }
      await r.feedback.insertResponse({
        id: randomUUID(),
        invitationId: invitation.id,
        caseId: invitation.caseId,
        role: invitation.role,
        stage: invitation.stage,
        endedYear: invitation.endedYear,
        submittedAt: answeredOn,
        ...checked,
      });
      return 'saved';
    });
    return unlessBlocked(result);
  }
}
