import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, OutboxMessage, OutboxStatus, Store } from '@compact/domain';
import { adminActorOf, recordAdminAction } from '../admin-audit/record-admin-action';
import { Caller, requireRole } from '../auth/caller';
import { Clock } from '../runtime/clock';

@Injectable()
export class ListOutboxUseCase {
  constructor(private readonly store: Store) {}

  execute(caller: Caller, status: OutboxStatus | null, limit = 100): Promise<OutboxMessage[]> {
    requireRole(caller, 'admin');
    return this.store.read((r) => r.outbox.list(status, limit));
  }
}

/** An administrator sends a failed message again (it becomes pending, due now, with fresh attempts). */
@Injectable()
export class RetryOutboxMessageUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  execute(caller: Caller, id: string): Promise<OutboxMessage> {
    requireRole(caller, 'admin');
    return this.store.write(async (r) => {
      const message = await r.outbox.findById(id);
      if (!message) throw DomainError.notFound('Outgoing message', id);
      if (!(await r.outbox.requeue(id, this.clock.now()))) {
        throw new DomainError(ErrorCode.TRANSITION_NOT_ALLOWED, `Only a failed message can be retried; this one is ${message.status}`, {
          messageStatus: message.status,
        });
      }
      await recordAdminAction(r, { actor: adminActorOf(caller), action: 'OUTBOX_MESSAGE_RETRIED', subject: { type: 'outbox-message', id }, details: { kind: message.kind, caseId: message.caseId }, at: this.clock.now() });
      return (await r.outbox.findById(id))!;
    });
  }
}
