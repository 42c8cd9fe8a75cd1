import { Organisation, OrganisationRepository } from '@compact/domain';
import { EntityManager } from 'typeorm';
import { inList, Sql } from '../data-source/sql';
import { OrganisationEntity } from '../entities/organisation.entity';
import { organisationMapper } from '../mappers/party.mapper';

export class TypeOrmOrganisationRepository extends OrganisationRepository {
  constructor(private readonly manager: EntityManager) {
    super();
  }

  async insert(organisation: Organisation): Promise<void> {
    await this.manager.insert(OrganisationEntity, organisationMapper.toEntity(organisation));
  }

  async findById(id: string): Promise<Organisation | null> {
    const e = await this.manager.findOneBy(OrganisationEntity, { id });
    return e ? organisationMapper.toDomain(e) : null;
  }

  async findByIds(ids: string[]): Promise<Organisation[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const rows = await new Sql(this.manager, this.manager.connection.options.type === 'postgres').rows<{
      id: string;
      name: string;
      kind: string;
      created_at: string | number;
    }>(`SELECT id, name, kind, created_at FROM organisations WHERE id IN ${inList(unique.length)}`, unique);
    return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind as Organisation['kind'], createdAt: new Date(Number(r.created_at)) }));
  }

  async findByName(name: string): Promise<Organisation | null> {
    const e = await this.manager.findOneBy(OrganisationEntity, { nameKey: name.trim().toLowerCase() });
    return e ? organisationMapper.toDomain(e) : null;
  }

  async list(): Promise<Organisation[]> {
    const rows = await this.manager.find(OrganisationEntity, { order: { nameKey: 'ASC' } });
    return rows.map(organisationMapper.toDomain);
  }
}
