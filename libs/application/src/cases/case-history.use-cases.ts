import { Injectable } from '@nestjs/common';
import { AuditEntry, DomainError, Store } from '@compact/domain';
import { ChainVerification, verifyAuditChain } from '@compact/engine';
import { Caller } from '../auth/caller';
import { chainHead } from './audit-facts';
import { loadVisibleCase } from './visible-case';

export interface CaseHistory {
  caseId: string;
  reference: string;
  entries: AuditEntry[];
}

@Injectable()
export class GetCaseHistoryUseCase {
  constructor(private readonly store: Store) {}

  execute(caller: Caller, caseId: string): Promise<CaseHistory> {
    return this.store.read(async (repos) => {
      const { record } = await loadVisibleCase(repos, caller, caseId);
      return { caseId: record.id, reference: record.reference, entries: await repos.audit.listByCase(record.id) };
    });
  }
}

@Injectable()
export class VerifyCaseHistoryUseCase {
  constructor(private readonly store: Store) {}

  /** `caller` null: the CLI. */
  execute(caller: Caller | null, caseId: string): Promise<ChainVerification> {
    return this.store.read(async (repos) => {
      const record = caller ? (await loadVisibleCase(repos, caller, caseId)).record : await repos.cases.findById(caseId);
      if (!record) throw DomainError.notFound('Case', caseId);
      return verifyAuditChain(await repos.audit.listByCase(caseId), chainHead(record));
    });
  }

  /** Every case's chain (CLI `verify-audit` without a case id). */
  async all(): Promise<Array<{ caseId: string } & ChainVerification>> {
    const ids = await this.store.read((r) => r.cases.listAllIds());
    const results = [];
    for (const caseId of ids) results.push({ caseId, ...(await this.execute(null, caseId)) });
    return results;
  }
}
