import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { toLondonDate, formatLongDate } from '@compact/calendar';
import { CaseOutcome, CaseRecord, CompactIndex, FeedbackInvitation, FeedbackRole, OutboxMessage, Repositories } from '@compact/domain';
import { renderFeedbackInvitationMail } from '@compact/mail';
import { APP_CONFIG } from '../application.tokens';
import { AppConfig } from '../config/app-config';
import { newOutboxMessage } from '../mail/new-outbox-message';
import { feedbackTokenHash, newFeedbackToken } from './feedback-token';

/** Outcomes after which a case is over and those who took part are asked for feedback (not `monitoring`: an agreement still followed up). */
export const FEEDBACK_OUTCOMES: readonly CaseOutcome[] = ['resolved', 'withdrawn', 'closed'];

const DAY = 86_400_000;

/** The top-level stage a case ended from: where the summary says it was resolved, else the stage the ending change left. */
export function stageEndedFrom(after: Pick<CaseRecord, 'resolvedStage'>, fromPath: string | null): string | null {
  return after.resolvedStage ?? (fromPath ? fromPath.split('.')[0] : null);
}

/** Whether this change is the one that ends the case (for the first time, as far as its outcome says). */
export function endsCase(before: Pick<CaseRecord, 'outcome'>, after: Pick<CaseRecord, 'outcome'>): boolean {
  return FEEDBACK_OUTCOMES.includes(after.outcome) && !FEEDBACK_OUTCOMES.includes(before.outcome);
}

/**
 * When a change ends a case, inside the change's own transaction (called by CaseChangeWriter, the
 * one path of every change): writes one invitation per active user of the claimant, the
 * respondent and the case's mediator, and queues each person's email with their own one-use link.
 * Once per case: a case reopened and ended again is not asked again. The invitation names no
 * person and its email is not tied to it (no topic; the body, the only place the token is, is
 * erased once delivered), so an answer can never be traced back to who gave it.
 */
@Injectable()
export class FeedbackInvitationPlanner {
  constructor(
    private readonly compact: CompactIndex,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async caseChanged(repos: Repositories, before: CaseRecord, after: CaseRecord, change: { at: Date; fromPath: string | null }): Promise<void> {
    if (!endsCase(before, after) || (await repos.feedback.invited(after.id))) return;
    const { at } = change;
    const stage = stageEndedFrom(after, change.fromPath);
    const endedYear = Number(toLondonDate(at).slice(0, 4));
    const expiresAt = new Date(at.getTime() + this.config.feedbackLinkDays * DAY);
    const validUntil = formatLongDate(toLondonDate(new Date(expiresAt.getTime() - 1)));
    const sides: Array<[FeedbackRole, string | null]> = [
      ['claimant', after.claimantOrganisationId],
      ['respondent', after.respondentOrganisationId],
      ['mediator', after.mediatorOrganisationId],
    ];
    const invitations: FeedbackInvitation[] = [];
    const messages: OutboxMessage[] = [];
    const asked = new Set<string>();
    for (const [role, organisationId] of sides) {
      if (!organisationId) continue;
      for (const user of await repos.users.findByOrganisation(organisationId)) {
        if (asked.has(user.id)) continue;
        asked.add(user.id);
        const token = newFeedbackToken();
        invitations.push({ id: randomUUID(), caseId: after.id, role, stage, endedYear, tokenHash: feedbackTokenHash(token), expiresAt, usedAt: null, createdAt: at });
        const mail = renderFeedbackInvitationMail({
          serviceName: this.compact.catalog.name,
          name: user.name,
          reference: after.reference,
          link: `${this.config.publicUrl}/feedback/${token}`,
          validUntil,
        });
        // No topic: nothing ties the message to its invitation. Its body (the link) is erased once delivered or expired.
        messages.push(newOutboxMessage({ caseId: after.id, kind: 'feedback', topic: null, at, expiresAt, to: [user.email], cc: [], ...mail }));
      }
    }
    if (invitations.length === 0) return;
    // Stored in an order of their own, so that neither table's order matches the other's.
    await repos.feedback.insertInvitations(invitations.sort((a, b) => a.id.localeCompare(b.id)));
    await repos.outbox.enqueue(messages);
  }
}
