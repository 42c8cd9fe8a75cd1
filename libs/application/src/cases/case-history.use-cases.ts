import { Injectable } from '@nestjs/common';
import { AuditEntry, DomainError, Store } from '@compact/domain';
import { ChainVerification, verifyAuditChain } from '@compact/engine';
import { Caller } from '../auth/caller';
import { checkCitedDocuments, DocumentCheck } from '../documents/check-cited-documents';
import { entriesShownTo } from '../confidential/confidential-entries';
import { WorkflowRegistry } from '../runtime/workflow-registry';
import { chainHead } from './audit-facts';
import { loadVisibleCase } from './visible-case';

/** A case's chain checked, and the documents its entries cite re-hashed from what is stored. */
export type CaseVerification = ChainVerification & { documents: DocumentCheck[] };

export interface CaseHistory {
  caseId: string;
  reference: string;
  entries: AuditEntry[];
}

/** A case's audit trail as the caller may read it: a confidential exchange they are not part of is shown withheld. */
@Injectable()
export class GetCaseHistoryUseCase {
  constructor(
    private readonly store: Store,
    private readonly registry: WorkflowRegistry,
  ) {}

  execute(caller: Caller, caseId: string): Promise<CaseHistory> {
    const adminsSeeContent = this.registry.compact.catalog.confidentiality.adminsSeeContent;
    return this.store.read(async (repos) => {
      const { record, relation } = await loadVisibleCase(repos, caller, caseId);
      const entries = entriesShownTo(relation, await repos.audit.listByCase(record.id), adminsSeeContent);
      return { caseId: record.id, reference: record.reference, entries };
    });
  }
}

@Injectable()
export class VerifyCaseHistoryUseCase {
  constructor(
    private readonly store: Store,
    private readonly registry: WorkflowRegistry,
  ) {}

  /** `caller` null: the CLI. */
  async execute(caller: Caller | null, caseId: string): Promise<CaseVerification> {
    const adminsSeeContent = this.registry.compact.catalog.confidentiality.adminsSeeContent;
    const { chain, entries, relation } = await this.store.read(async (repos) => {
      const visible = caller ? await loadVisibleCase(repos, caller, caseId) : null;
      const record = visible?.record ?? (await repos.cases.findById(caseId));
      if (!record) throw DomainError.notFound('Case', caseId);
      const entries = await repos.audit.listByCase(caseId);
      return { chain: verifyAuditChain(entries, chainHead(record)), entries, relation: visible?.relation ?? 'board' };
    });
    // Documents shared in confidence are checked too, but named only to those who may read them.
    const readable = new Set(entriesShownTo(relation, entries, adminsSeeContent).filter((e) => !e.withheld).map((e) => e.seq));
    const documents = (await checkCitedDocuments(this.store, entries)).map((d) => (readable.has(d.seq) ? d : { ...d, name: 'a document shared in confidence' }));
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
