import { Injectable } from '@nestjs/common';
import { AuditEntry, DomainError, Store } from '@compact/domain';
import { ChainVerification, verifyAuditChain } from '@compact/engine';
import { Caller } from '../auth/caller';
import { checkCitedDocuments, DocumentCheck } from '../documents/check-cited-documents';
import { chainHead } from './audit-facts';
import { loadVisibleCase } from './visible-case';

/** A case's chain checked, and the documents its entries cite re-hashed from what is stored. */
export type CaseVerification = ChainVerification & { documents: DocumentCheck[] };

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
  async execute(caller: Caller | null, caseId: string): Promise<CaseVerification> {
    const { chain, entries } = await this.store.read(async (repos) => {
      const record = caller ? (await loadVisibleCase(repos, caller, caseId)).record : await repos.cases.findById(caseId);
      if (!record) throw DomainError.notFound('Case', caseId);
      const entries = await repos.audit.listByCase(caseId);
      return { chain: verifyAuditChain(entries, chainHead(record)), entries };
    });
    const documents = await checkCitedDocuments(this.store, entries);
    const changed = documents.find((d) => !d.matches);
    if (!chain.valid || !changed) return { ...chain, documents };
    return {
      valid: false,
      entries: chain.entries,
      brokenAt: changed.seq,
      reason: `document ${JSON.stringify(changed.name)} (${changed.id}) cited by entry ${changed.seq} does not match the sha256 the entry records: ${changed.problem}`,
      documents,
    };
  }

  /** Every case's chain (CLI `verify-audit` without a case id). */
  async all(): Promise<Array<{ caseId: string } & CaseVerification>> {
    const ids = await this.store.read((r) => r.cases.listAllIds());
    const results = [];
    for (const caseId of ids) results.push({ caseId, ...(await this.execute(null, caseId)) });
    return results;
  }
}
