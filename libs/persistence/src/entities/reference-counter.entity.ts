import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Sequences for human case references (`southampton-2026-0007`). */
@Entity('reference_counters')
export class ReferenceCounterEntity {
  @PrimaryColumn('varchar', { length: 80 })
  scope!: string;

  @Column('integer')
  value!: number;
}
