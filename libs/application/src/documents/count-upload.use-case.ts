import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, Store } from '@compact/domain';
import { APP_CONFIG } from '../application.tokens';
import { Caller } from '../auth/caller';
import { AppConfig } from '../config/app-config';
import { Clock } from '../runtime/clock';
import { throttleKey } from '../web/sign-in.use-cases';

const HOUR_MS = 3600_000;

/**
 * Counts one upload by the caller, before a byte of it is read: past DOCUMENT_UPLOADS_PER_HOUR
 * in an hour they are refused (429) for the rest of that hour. The count is shared by every
 * instance (the throttle table) and committed even when the upload is refused.
 */
@Injectable()
export class CountUploadUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(caller: Caller): Promise<void> {
    const limit = this.config.documentLimits.uploadsPerHour;
    const hit = await this.store.write((r) => r.throttles.hit(throttleKey('document-upload', caller.user.id), { windowMs: HOUR_MS, limit, blockMs: HOUR_MS }, this.clock.now()));
    if (hit.blocked) {
      const minutes = Math.max(1, Math.ceil(hit.blockEndsInMs / 60_000));
      throw new DomainError(ErrorCode.TOO_MANY_REQUESTS, `You have attached ${limit} documents within an hour, the most one person may. Try again in ${minutes} minute(s).`, {
        retryAfterSeconds: Math.ceil(hit.blockEndsInMs / 1000),
      });
    }
  }
}
