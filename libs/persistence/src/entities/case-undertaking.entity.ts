import { Entity, PrimaryColumn } from 'typeorm';

@Entity('case_undertakings')
export class CaseUndertakingEntity {
  @PrimaryColumn('varchar', { name: 'case_id', length: 36 })
  caseId!: string;

  @PrimaryColumn('varchar', { name: 'undertaking_id', length: 16 })
  undertakingId!: string;
}
