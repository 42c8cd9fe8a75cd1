import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, OutboxMessage, OutboxMessageSummary, OutboxStatus, requeueFailed, Store } from '@compact/domain';
import { adminActorOf, recordAdminAction } from '../admin-audit/record-admin-action';
import { Caller, requireRole } from '../auth/caller';
import { decodeCursor, encodeCursor } from '../runtime/list-cursor';
import { Clock } from '../runtime/clock';

export interface ListOutboxInput {
  status?: OutboxStatus;
  cursor?: string;
  limit?: number;
}

export interface OutboxPage {
  /** Newest first; never a body (sign-in links stay unreadable). */
  items: OutboxMessageSummary[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Everything but the body. */
function summaryOf(message: OutboxMessage): OutboxMessageSummary {
  const { text: _text, html: _html, ...summary } = message;
  return summary;
}

/** The outbox for an administrator, page by page, newest first: addresses, subject and where delivery stands for each recipient. */
@Injectable()
export class ListOutboxUseCase {
  constructor(private readonly store: Store) {}

  async execute(caller: Caller, input: ListOutboxInput = {}): Promise<OutboxPage> {
    requireRole(caller, 'admin');
    const limit = input.limit ?? 20;
    const rows = await this.store.read((r) =>
      r.outbox.list({ status: input.status ?? null, after: input.cursor ? decodeCursor(input.cursor) : undefined, limit: limit + 1 }),
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null };
  }
}

/**
 * An administrator sends a failed message again: it becomes pending, due now, with fresh attempts,
 * for the recipients it could not be delivered to (those who got it do not get it twice). A sign-in
 * or invitation message whose link has expired cannot be sent again: its body is gone.
 */
@Injectable()
export class RetryOutboxMessageUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  execute(caller: Caller, id: string): Promise<OutboxMessageSummary> {
    requireRole(caller, 'admin');
    return this.store.write(async (r) => {
      const message = await r.outbox.findById(id);
      if (!message) throw DomainError.notFound('Outgoing message', id);
      if (message.erasedAt) {
        throw new DomainError(
          ErrorCode.MESSAGE_EXPIRED,
          'This message carried a sign-in link that has expired, so it was erased; the person can ask for a new link at the sign-in page',
          { messageStatus: message.status },
        );
      }
      if (message.status !== 'failed' || !(await r.outbox.requeue(id, this.clock.now(), requeueFailed(message.recipients)))) {
        throw new DomainError(ErrorCode.TRANSITION_NOT_ALLOWED, `Only a failed message can be retried; this one is ${message.status}`, {
          messageStatus: message.status,
        });
      }
      await recordAdminAction(r, { actor: adminActorOf(caller), action: 'OUTBOX_MESSAGE_RETRIED', subject: { type: 'outbox-message', id }, details: { kind: message.kind, caseId: message.caseId }, at: this.clock.now() });
      return summaryOf((await r.outbox.findById(id))!);
    });
  }
}
