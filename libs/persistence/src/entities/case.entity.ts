import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMillis } from './column-types';

@Entity('cases')
export class CaseEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { length: 40 })
  reference!: string;

  @Column('varchar', { name: 'compact_id', length: 64 })
  compactId!: string;

  @Column('varchar', { name: 'workflow_name', length: 64 })
  workflowName!: string;

  @Column('integer', { name: 'workflow_version' })
  workflowVersion!: number;

  @Column('varchar', { length: 16 })
  kind!: string;

  @Column('varchar', { length: 200 })
  title!: string;

  @Column('text')
  summary!: string;

  @Column('text', { name: 'desired_outcome', nullable: true })
  desiredOutcome!: string | null;

  @Column('varchar', { name: 'became_aware_on', length: 10 })
  becameAwareOn!: string;

  @Column('varchar', { name: 'claimant_org_id', length: 36 })
  claimantOrgId!: string;

  @Column('varchar', { name: 'respondent_org_id', length: 36 })
  respondentOrgId!: string;

  @Column('varchar', { name: 'mediator_org_id', length: 36, nullable: true })
  mediatorOrgId!: string | null;

  /** Cited undertaking ids, JSON array (also in case_undertakings for filtering). */
  @Column('text', { name: 'undertaking_ids' })
  undertakingIds!: string;

  @Column('varchar', { length: 32 })
  state!: string;

  @Column('varchar', { name: 'state_path', length: 100 })
  statePath!: string;

  /** XState persisted snapshot, JSON. */
  @Column('text')
  snapshot!: string;

  @Column('integer')
  version!: number;

  @Column('integer', { name: 'audit_seq' })
  auditSeq!: number;

  @Column('varchar', { name: 'audit_head', length: 64 })
  auditHead!: string;

  /** Every organisation that took part, JSON (also in case_participants, which the lists filter on). */
  @Column('text')
  participants!: string;

  /** The rules (deadline lengths, calendar) the case was raised under, JSON. */
  @Column('text', { nullable: true })
  rules!: string | null;

  @Column('varchar', { length: 16, nullable: true })
  outcome!: string | null;

  @Column('integer', { name: 'deadlines_met', default: 0 })
  deadlinesMet!: number;

  @Column('integer', { name: 'deadlines_missed', default: 0 })
  deadlinesMissed!: number;

  @Column('bigint', { name: 'resolved_at', nullable: true, transformer: epochMillis })
  resolvedAt!: Date | null;

  @Column('varchar', { name: 'resolved_stage', length: 32, nullable: true })
  resolvedStage!: string | null;

  @Column('varchar', { name: 'created_by', length: 36 })
  createdBy!: string;

  @Column('bigint', { name: 'created_at', transformer: epochMillis })
  createdAt!: Date;

  @Column('bigint', { name: 'updated_at', transformer: epochMillis })
  updatedAt!: Date;
}
