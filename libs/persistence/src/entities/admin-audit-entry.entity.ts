import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Append-only: database triggers refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL); see the admin-audit migration. */
@Entity('admin_audit_entries')
export class AdminAuditEntryEntity {
  @PrimaryColumn('integer')
  seq!: number;

  /** ISO-8601 instant exactly as hashed. */
  @Column('varchar', { length: 30 })
  at!: string;

  @Column('varchar', { name: 'actor_type', length: 8 })
  actorType!: string;

  @Column('varchar', { name: 'actor_user_id', length: 36, nullable: true })
  actorUserId!: string | null;

  @Column('varchar', { name: 'actor_org_id', length: 36, nullable: true })
  actorOrgId!: string | null;

  @Column('varchar', { name: 'actor_role', length: 16, nullable: true })
  actorRole!: string | null;

  @Column('varchar', { length: 64 })
  action!: string;

  @Column('varchar', { name: 'subject_type', length: 32 })
  subjectType!: string;

  @Column('varchar', { name: 'subject_id', length: 36 })
  subjectId!: string;

  /** JSON. */
  @Column('text')
  details!: string;

  @Column('varchar', { name: 'prev_hash', length: 64 })
  prevHash!: string;

  @Column('varchar', { length: 64 })
  hash!: string;
}
