import { Organisation, OrganisationRepository } from '@compact/domain';
import { EntityManager, In } from 'typeorm';
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
    if (ids.length === 0) return [];
    const rows = await this.manager.findBy(OrganisationEntity, { id: In([...new Set(ids)]) });
    return rows.map(organisationMapper.toDomain);
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
