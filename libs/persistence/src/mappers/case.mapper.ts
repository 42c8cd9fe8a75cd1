import { CaseKind, CaseOutcome, CaseParticipant, CaseRecord, CaseRules } from '@compact/domain';
import { CaseEntity } from '../entities/case.entity';

/** A `cases` row as the database returns it (PostgreSQL gives bigint as text). */
export interface CaseRow {
  id: string;
  reference: string;
  compact_id: string;
  workflow_name: string;
  workflow_version: number;
  kind: string;
  title: string;
  summary: string;
  desired_outcome: string | null;
  became_aware_on: string;
  claimant_org_id: string;
  respondent_org_id: string;
  mediator_org_id: string | null;
  undertaking_ids: string;
  state: string;
  state_path: string;
  snapshot: string;
  version: number;
  audit_seq: number;
  audit_head: string;
  participants: string;
  rules: string | null;
  outcome: string | null;
  deadlines_met: number | string;
  deadlines_missed: number | string;
  resolved_at: number | string | null;
  resolved_stage: string | null;
  created_by: string;
  created_at: number | string;
  updated_at: number | string;
}

/** Rows written before cases recorded their rules get them at start-up (see pinCaseRules); nothing reads one before. */
function rulesOf(r: CaseRow): CaseRules {
  if (r.rules === null) throw new Error(`case ${r.reference} has no rules recorded yet: start the service (or any CLI command) once to record them`);
  return JSON.parse(r.rules) as CaseRules;
}

export const caseMapper = {
  fromRow(r: CaseRow): CaseRecord {
    const snapshot = JSON.parse(r.snapshot) as { value: unknown };
    return {
      id: r.id,
      reference: r.reference,
      compactId: r.compact_id,
      workflowName: r.workflow_name,
      workflowVersion: Number(r.workflow_version),
      kind: r.kind as CaseKind,
      title: r.title,
      summary: r.summary,
      desiredOutcome: r.desired_outcome,
      becameAwareOn: r.became_aware_on,
      claimantOrganisationId: r.claimant_org_id,
      respondentOrganisationId: r.respondent_org_id,
      mediatorOrganisationId: r.mediator_org_id,
      undertakingIds: JSON.parse(r.undertaking_ids) as string[],
      state: r.state,
      statePath: r.state_path,
      stateValue: snapshot.value,
      snapshot,
      version: Number(r.version),
      auditSeq: Number(r.audit_seq),
      auditHead: r.audit_head,
      participants: JSON.parse(r.participants) as CaseParticipant[],
      rules: rulesOf(r),
      outcome: (r.outcome ?? 'open') as CaseOutcome,
      deadlinesMet: Number(r.deadlines_met),
      deadlinesMissed: Number(r.deadlines_missed),
      resolvedAt: r.resolved_at === null ? null : new Date(Number(r.resolved_at)),
      resolvedStage: r.resolved_stage,
      createdByUserId: r.created_by,
      createdAt: new Date(Number(r.created_at)),
      updatedAt: new Date(Number(r.updated_at)),
    };
  },
  toDomain(e: CaseEntity): CaseRecord {
    return caseMapper.fromRow(
      {
        id: e.id,
        reference: e.reference,
        compact_id: e.compactId,
        workflow_name: e.workflowName,
        workflow_version: e.workflowVersion,
        kind: e.kind,
        title: e.title,
        summary: e.summary,
        desired_outcome: e.desiredOutcome,
        became_aware_on: e.becameAwareOn,
        claimant_org_id: e.claimantOrgId,
        respondent_org_id: e.respondentOrgId,
        mediator_org_id: e.mediatorOrgId,
        undertaking_ids: e.undertakingIds,
        state: e.state,
        state_path: e.statePath,
        snapshot: e.snapshot,
        version: e.version,
        audit_seq: e.auditSeq,
        audit_head: e.auditHead,
        participants: e.participants,
        rules: e.rules,
        outcome: e.outcome,
        deadlines_met: e.deadlinesMet,
        deadlines_missed: e.deadlinesMissed,
        resolved_at: e.resolvedAt?.getTime() ?? null,
        resolved_stage: e.resolvedStage,
        created_by: e.createdBy,
        created_at: e.createdAt.getTime(),
        updated_at: e.updatedAt.getTime(),
      });
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
      auditSeq: c.auditSeq,
      auditHead: c.auditHead,
      participants: JSON.stringify(c.participants),
      rules: JSON.stringify(c.rules),
      outcome: c.outcome,
      deadlinesMet: c.deadlinesMet,
      deadlinesMissed: c.deadlinesMissed,
      resolvedAt: c.resolvedAt,
      resolvedStage: c.resolvedStage,
      createdBy: c.createdByUserId,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    });
  },
};
