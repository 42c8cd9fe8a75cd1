import { Injectable, Logger } from '@nestjs/common';
import { PENDING_DOCUMENT_HOURS, Store } from '@compact/domain';
import { Clock } from '../runtime/clock';

/**
 * Removes documents attached to a case that no event cited within PENDING_DOCUMENT_HOURS of being
 * attached (they never became part of the case), and then the bytes nothing uses any more.
 */
@Injectable()
export class PurgePendingDocumentsUseCase {
  private readonly logger = new Logger('Documents');

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async runOnce(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - PENDING_DOCUMENT_HOURS * 3600_000);
    const removed = await this.store.write((repos) => repos.documents.purgePending(before));
    if (removed > 0) this.logger.log(`Removed ${removed} document(s) that no event cited within ${PENDING_DOCUMENT_HOURS} hours`);
    return removed;
  }
}
