import { Entity, PrimaryColumn } from 'typeorm';

@Entity('case_participants')
export class CaseParticipantEntity {
  @PrimaryColumn('varchar', { name: 'case_id', length: 36 })
  caseId!: string;

  @PrimaryColumn('varchar', { name: 'organisation_id', length: 36 })
  organisationId!: string;

  @PrimaryColumn('varchar', { length: 16 })
  part!: string;
}
