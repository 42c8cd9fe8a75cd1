import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMillis } from './column-types';

@Entity('users')
export class UserEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { length: 200 })
  name!: string;

  /** Stored lower-cased; unique. */
  @Column('varchar', { length: 320 })
  email!: string;

  @Column('varchar', { length: 16 })
  role!: string;

  @Column('varchar', { name: 'organisation_id', length: 36, nullable: true })
  organisationId!: string | null;

  @Column('bigint', { name: 'created_at', transformer: epochMillis })
  createdAt!: Date;

  @Column('bigint', { name: 'deactivated_at', nullable: true, transformer: epochMillis })
  deactivatedAt!: Date | null;
}
