import { Injectable } from '@nestjs/common';
import { AdminAuditEntry, DomainError, Store } from '@compact/domain';
import { adminAuditChecker, ChainVerification } from '@compact/engine';
import { Caller, requireRole } from '../auth/caller';

export interface AdminAuditPage {
  items: AdminAuditEntry[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

const encodeCursor = (seq: number) => Buffer.from(`admin-audit:${seq}`, 'utf8').toString('base64url');

function decodeCursor(cursor: string): number {
  const match = /^admin-audit:([1-9]\d{0,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const seq = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(seq) || seq > 2_147_483_647) {
    throw DomainError.validation([{ field: 'cursor', message: 'is not a cursor this API gave out' }]);
  }
  return seq;
}

/** The administration trail, newest first, cursor-paginated: administrators and the board. */
@Injectable()
export class ListAdminAuditUseCase {
  constructor(private readonly store: Store) {}

  async execute(caller: Caller, input: { cursor?: string; limit?: number }): Promise<AdminAuditPage> {
    requireRole(caller, 'admin', 'board');
    const limit = input.limit ?? 50;
    const before = input.cursor === undefined ? undefined : decodeCursor(input.cursor);
    const rows = await this.store.read((r) => r.adminAudit.listNewestFirst(limit + 1, before));
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].seq) : null };
  }
}

const PAGE = 500;

/**
 * Recomputes the administration trail's chain, page by page, and checks it ends at the head the
 * database records. Entries appended while it runs are not a fault: the trail is read up to the
 * head found first, and afterwards nothing may lie beyond the head as it is then.
 */
@Injectable()
export class VerifyAdminAuditUseCase {
  constructor(private readonly store: Store) {}

  /** `caller` null: the command line. */
  async execute(caller: Caller | null): Promise<ChainVerification> {
    if (caller) requireRole(caller, 'admin', 'board');
    const head = await this.store.read((r) => r.adminAudit.head());
    if (!head) {
      const entries = await this.store.read((r) => r.adminAudit.maxSeq()); // as far as can be told without it
      return { valid: false, entries, reason: 'the head of the trail (admin_audit_head) is missing' };
    }
    const checker = adminAuditChecker();
    for (let after = 0; after < head.seq; ) {
      const page = await this.store.read((r) => r.adminAudit.listRange(after, head.seq, PAGE));
      if (page.length === 0) break;
      page.forEach((entry) => checker.add(entry));
      after = page[page.length - 1].seq;
    }
    const verdict = checker.result(head.seq > 0 ? head : null);
    if (!verdict.valid) return verdict;
    const [beyond, now] = await this.store.read(async (r) => [await r.adminAudit.maxSeq(), await r.adminAudit.head()] as const);
    if (!now || beyond > now.seq) {
      const at = (now?.seq ?? head.seq) + 1;
      return { valid: false, entries: verdict.entries, brokenAt: at, reason: `entry ${beyond} lies beyond the head, which records ${now?.seq ?? 'nothing'}` };
    }
    return verdict;
  }
}
