import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMillis } from './column-types';

@Entity('web_sessions')
export class WebSessionEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'user_id', length: 36 })
  userId!: string;

  @Column('varchar', { name: 'token_hash', length: 64 })
  tokenHash!: string;

  @Column('varchar', { name: 'csrf_token', length: 64 })
  csrfToken!: string;

  @Column('bigint', { name: 'expires_at', transformer: epochMillis })
  expiresAt!: Date;

  @Column('bigint', { name: 'created_at', transformer: epochMillis })
  createdAt!: Date;
}
