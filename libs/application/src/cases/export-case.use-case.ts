import { Injectable } from '@nestjs/common';
import { AuditEntry, Store, User } from '@compact/domain';
import { ChainVerification, verifyAuditChain } from '@compact/engine';
import { Caller } from '../auth/caller';
import { entriesForOutside } from '../confidential/confidential-entries';
import { Clock } from '../runtime/clock';
import { WorkflowRegistry } from '../runtime/workflow-registry';
import { CaseView } from './case-view';
import { chainHead } from './audit-facts';
import { loadVisibleCase, viewCase } from './visible-case';

export interface CaseExport {
  exportedAt: string;
  case: CaseView;
  history: AuditEntry[];
  verification: ChainVerification;
}

/** A self-contained record of one case: what it is, its whole audit trail and whether the chain verifies. */
@Injectable()
export class ExportCaseUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly registry: WorkflowRegistry,
  ) {}

  /** `caller` null: the CLI, which reads as the board does. */
  execute(caller: Caller | null, caseId: string): Promise<CaseExport> {
    const reader: Caller = caller ?? { user: CLI_READER };
    const now = this.clock.now();
    return this.store.read(async (repos) => {
      const { record, relation } = await loadVisibleCase(repos, reader, caseId);
      const history = await repos.audit.listByCase(record.id);
      return {
        exportedAt: now.toISOString(),
        case: await viewCase(repos, this.registry, record, relation, now),
        // An export leaves the case: confidential payloads are withheld (the chain verifies by their digests).
        history: entriesForOutside(history),
        verification: verifyAuditChain(history, chainHead(record)),
      };
    });
  }
}

const CLI_READER: User = {
  id: 'cli',
  name: 'Command line',
  email: 'cli@localhost',
  role: 'board',
  organisationId: null,
  createdAt: new Date(0),
  deactivatedAt: null,
};
