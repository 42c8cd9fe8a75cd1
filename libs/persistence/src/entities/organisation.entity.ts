import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMillis } from './column-types';

@Entity('organisations')
export class OrganisationEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { length: 200 })
  name!: string;

  /** Lower-cased name; unique, so two organisations cannot differ only by case. */
  @Column('varchar', { name: 'name_key', length: 200 })
  nameKey!: string;

  @Column('varchar', { length: 16 })
  kind!: string;

  @Column('bigint', { name: 'created_at', transformer: epochMillis })
  createdAt!: Date;
}
