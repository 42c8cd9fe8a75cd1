import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The one row (id 1) recording the seq and hash of the administration trail's latest entry. */
@Entity('admin_audit_head')
export class AdminAuditHeadEntity {
  @PrimaryColumn('integer')
  id!: number;

  @Column('integer')
  seq!: number;

  @Column('varchar', { length: 64 })
  hash!: string;
}
