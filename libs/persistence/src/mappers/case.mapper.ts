import { CaseKind, CaseParticipant, CaseRecord } from '@compact/domain';
import { CaseEntity } from '../entities/case.entity';

export const caseMapper = {
  toDomain(e: CaseEntity, participants: CaseParticipant[]): CaseRecord {
    const snapshot = JSON.parse(e.snapshot) as { value: unknown };
    return {
      id: e.id,
      reference: e.reference,
      compactId: e.compactId,
      workflowName: e.workflowName,
      workflowVersion: e.workflowVersion,
      kind: e.kind as CaseKind,
      title: e.title,
      summary: e.summary,
      desiredOutcome: e.desiredOutcome,
      becameAwareOn: e.becameAwareOn,
      claimantOrganisationId: e.claimantOrgId,
      respondentOrganisationId: e.respondentOrgId,
      mediatorOrganisationId: e.mediatorOrgId,
      undertakingIds: JSON.parse(e.undertakingIds) as string[],
      state: e.state,
      statePath: e.statePath,
      stateValue: snapshot.value,
      snapshot,
      version: e.version,
      participants,
      createdByUserId: e.createdBy,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
    };
  },
  toEntity(c: CaseRecord): CaseEntity {
    return Object.assign(new CaseEntity(), {
      id: c.id,
      reference: c.reference,
      compactId: c.compactId,
      workflowName: c.workflowName,
      workflowVersion: c.workflowVersion,
      kind: c.kind,
      title: c.title,
      summary: c.summary,
      desiredOutcome: c.desiredOutcome,
      becameAwareOn: c.becameAwareOn,
      claimantOrgId: c.claimantOrganisationId,
      respondentOrgId: c.respondentOrganisationId,
      mediatorOrgId: c.mediatorOrganisationId,
      undertakingIds: JSON.stringify(c.undertakingIds),
      state: c.state,
      statePath: c.statePath,
      snapshot: JSON.stringify(c.snapshot),
      version: c.version,
      createdBy: c.createdByUserId,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    });
  },
};
