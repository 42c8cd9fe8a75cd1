import { Repositories, Store } from '@compact/domain';
import { AppConfig } from '../config/app-config';
import { Clock } from '../runtime/clock';
import { renderDigestMail } from './digest-mail';
import { newOutboxMessage } from './new-outbox-message';

/**
 * Turns the held mail that is due into one digest email per person, written to the outbox (which
 * delivers it like any other message). Each person's digest is composed in one transaction that
 * first claims the person (a row lock another instance's poll skips, as the outbox's leases are
 * taken), then removes what is due for them and queues the email: a digest is queued once, and a
 * crash before the commit leaves everything held for the next poll. A deactivated person gets no
 * more email: what was held for them goes.
 */
export class DigestComposer {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Composes the digests due now, up to `limit` people; answers how many were queued. */
  async runOnce(limit = 100): Promise<number> {
    const now = this.clock.now();
    const due = await this.store.read((r) => r.digests.dueReaders(now, limit));
    let queued = 0;
    for (const userId of due) if (await this.store.write((r) => this.compose(r, userId, now))) queued += 1;
    return queued;
  }

  private async compose(r: Repositories, userId: string, now: Date): Promise<boolean> {
    if (!(await r.digests.lockReader(userId))) return false;
    const held = await r.digests.takeDue(userId, now);
    if (held.length === 0) return false;
    const user = await r.users.findById(userId);
    if (!user || user.deactivatedAt) return false;
    const content = renderDigestMail({ name: user.name, held, publicUrl: this.config.publicUrl });
    await r.outbox.enqueue([newOutboxMessage({ caseId: null, kind: 'digest', topic: 'digest', at: now, to: [user.email], cc: [], ...content })]);
    return true;
  }
}
