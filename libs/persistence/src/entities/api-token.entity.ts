import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMillis } from './column-types';

/** A bearer token, kept only as its sha256. */
@Entity('api_tokens')
export class ApiTokenEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'user_id', length: 36 })
  userId!: string;

  @Column('varchar', { name: 'token_hash', length: 64 })
  tokenHash!: string;

  @Column('varchar', { length: 100 })
  label!: string;

  @Column('bigint', { name: 'created_at', transformer: epochMillis })
  createdAt!: Date;
}
