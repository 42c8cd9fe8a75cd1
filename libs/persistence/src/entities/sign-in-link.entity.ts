import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMillis } from './column-types';

@Entity('sign_in_links')
export class SignInLinkEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'user_id', length: 36 })
  userId!: string;

  @Column('varchar', { name: 'token_hash', length: 64 })
  tokenHash!: string;

  @Column('bigint', { name: 'expires_at', transformer: epochMillis })
  expiresAt!: Date;

  @Column('bigint', { name: 'used_at', nullable: true, transformer: epochMillis })
  usedAt!: Date | null;

  @Column('bigint', { name: 'created_at', transformer: epochMillis })
  createdAt!: Date;
}
