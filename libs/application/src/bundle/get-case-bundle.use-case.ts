import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { Store } from '@compact/domain';
import { InstalledWorkflow, verifyAuditChain } from '@compact/engine';
import { Caller } from '../auth/caller';
import { chainHead } from '../cases/audit-facts';
import { loadVisibleCase, viewCase } from '../cases/visible-case';
import { Clock } from '../runtime/clock';
import { WorkflowRegistry } from '../runtime/workflow-registry';
import { bundleContents } from './bundle-contents';
import { bundleToPdf } from './bundle-pdf';
import { bundleZip } from './bundle-zip';

/** A case's bundle: its file name and the zip, streamed. */
export interface CaseBundle {
  fileName: string;
  zip: Readable;
}

/**
 * The bundle of a case for the body receiving it (the ombudsman, an agreed mechanism), for anyone
 * who may see the case, at any stage: what it is, everything that happened, its documents and its
 * audit trail with how to verify it. Confidential content is left out, and the bundle says so.
 */
@Injectable()
export class GetCaseBundleUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly registry: WorkflowRegistry,
  ) {}

  async execute(caller: Caller, caseId: string): Promise<CaseBundle> {
    const now = this.clock.now();
    const gathered = await this.store.read(async (repos) => {
      const { record, relation } = await loadVisibleCase(repos, caller, caseId);
      const entries = await repos.audit.listByCase(record.id);
      const userIds = [...new Set(entries.flatMap((e) => (e.actor.type === 'user' ? [e.actor.userId] : [])))];
      const users = (await Promise.all(userIds.map((id) => repos.users.findById(id)))).flatMap((u) => (u ? [u] : []));
      return {
        record,
        entries,
        view: await viewCase(repos, this.registry, record, relation, now),
        documents: await repos.documents.listByCase(record.id),
        people: new Map(users.map((u) => [u.id, u.name])),
        organisations: new Map((await repos.organisations.list()).map((o) => [o.id, o.name])),
      };
    });
    const { record, entries } = gathered;
    const contents = bundleContents({
      ...gathered,
      workflow: this.registry.runtimeFor(record).definition as InstalledWorkflow,
      compactName: this.registry.compact.catalog.name,
      deadlineTotals: { met: record.deadlinesMet, missed: record.deadlinesMissed },
      now,
    });
    const pdf = await bundleToPdf(contents);
    const verification = verifyAuditChain(entries, chainHead(record));
    return { fileName: `${record.reference}-bundle.zip`, zip: bundleZip(contents, pdf, verification, this.store) };
  }
}
