import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMillis } from './column-types';

@Entity('outbox_messages')
export class OutboxMessageEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'case_id', length: 36, nullable: true })
  caseId!: string | null;

  @Column('varchar', { length: 24 })
  kind!: string;

  @Column('varchar', { length: 12 })
  status!: string;

  @Column('integer')
  attempts!: number;

  /** When pending: the next attempt; when sending: the end of the sender's lease (renewed while the send is in flight). */
  @Column('bigint', { name: 'next_attempt_at', transformer: epochMillis })
  nextAttemptAt!: Date;

  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;

  @Column('varchar', { length: 100, nullable: true })
  topic!: string | null;

  /** JSON array of addresses. */
  @Column('text', { name: 'to_addresses' })
  to!: string;

  /** JSON array of addresses. */
  @Column('text', { name: 'cc_addresses' })
  cc!: string;

  @Column('varchar', { length: 300 })
  subject!: string;

  @Column('text', { name: 'text_body' })
  text!: string;

  @Column('text', { name: 'html_body' })
  html!: string;

  @Column('bigint', { name: 'created_at', transformer: epochMillis })
  createdAt!: Date;

  @Column('bigint', { name: 'sent_at', nullable: true, transformer: epochMillis })
  sentAt!: Date | null;

  /** JSON array of { address, field, status, response, at }: where delivery stands for each recipient. */
  @Column('text', { default: '[]' })
  recipients!: string;

  /** When the content stops being of use (a sign-in link's expiry). */
  @Column('bigint', { name: 'expires_at', nullable: true, transformer: epochMillis })
  expiresAt!: Date | null;

  /** When the body was erased (a sign-in link delivered or expired). */
  @Column('bigint', { name: 'erased_at', nullable: true, transformer: epochMillis })
  erasedAt!: Date | null;

  /** When sending: the instance whose lease it is. */
  @Column('varchar', { name: 'lease_owner', length: 64, nullable: true })
  leaseOwner!: string | null;
}
