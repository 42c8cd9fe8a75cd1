import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Append-only: database triggers refuse UPDATE and DELETE (see the initial migration). */
@Entity('audit_entries')
export class AuditEntryEntity {
  @PrimaryColumn('varchar', { name: 'case_id', length: 36 })
  caseId!: string;

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

  @Column('varchar', { name: 'event_type', length: 64 })
  eventType!: string;

  @Column('varchar', { name: 'from_state', length: 100, nullable: true })
  fromState!: string | null;

  @Column('varchar', { name: 'to_state', length: 100 })
  toState!: string;

  /** JSON. */
  @Column('text')
  payload!: string;

  /** 1: the hash covers the payload; 2: it covers payload_digest. */
  @Column('integer', { default: 1 })
  format!: number;

  @Column('varchar', { name: 'payload_digest', length: 64, nullable: true })
  payloadDigest!: string | null;

  @Column('varchar', { name: 'prev_hash', length: 64 })
  prevHash!: string;

  @Column('varchar', { length: 64 })
  hash!: string;
}
