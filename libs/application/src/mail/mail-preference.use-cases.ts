import { Inject, Injectable } from '@nestjs/common';
import { DomainError, isMailFrequency, MAIL_FREQUENCIES, MailFrequency, Store } from '@compact/domain';
import { APP_CONFIG } from '../application.tokens';
import { Caller } from '../auth/caller';
import { AppConfig } from '../config/app-config';
import { Clock } from '../runtime/clock';

/** A person's email choice as their "Your email" page shows it. */
export interface MailPreferenceView {
  frequency: MailFrequency;
  /** The hour (London time) at which daily digests are sent. */
  digestHour: number;
  /** How many emails are held for the person's next digest, and when the earliest of them is due. */
  held: number;
  nextDigestAt: Date | null;
}

/** The signed-in person's own email choice (anyone may read and change their own, and only their own). */
@Injectable()
export class GetMailPreferenceUseCase {
  constructor(
    private readonly store: Store,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(caller: Caller): Promise<MailPreferenceView> {
    return this.store.read(async (r) => {
      const [frequency, held] = await Promise.all([r.digests.frequencyOf(caller.user.id), r.digests.heldFor(caller.user.id)]);
      return { frequency, digestHour: this.config.digestHour, held: held.count, nextDigestAt: held.dueAt };
    });
  }
}

/**
 * Records the signed-in person's choice. Choosing every email again sends what was held for them
 * at once, as one digest on the next poll, rather than keeping it back until the digest hour.
 */
@Injectable()
export class SetMailPreferenceUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, frequency: unknown): Promise<void> {
    if (!isMailFrequency(frequency)) throw DomainError.validation([{ field: 'frequency', message: `must be one of ${MAIL_FREQUENCIES.join(', ')}` }]);
    const now = this.clock.now();
    await this.store.write(async (r) => {
      await r.digests.setFrequency(caller.user.id, frequency, now);
      if (frequency === 'every') await r.digests.releaseHeld(caller.user.id, now);
    });
  }
}
