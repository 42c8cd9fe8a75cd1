import { Organisation, OrganisationRepository } from '@compact/domain';
import { EntityManager } from 'typeorm';
import { inList, Sql } from '../data-source/sql';
import { OrganisationEntity } from '../entities/organisation.entity';
import { organisationMapper } from '../mappers/party.mapper';

/**
 * Organisations never change once created (there is no rename or delete), so every one read is
 * remembered for the life of the process; one inserted in a unit of work is not, until committed.
 */
export type OrganisationCache = Map<string, Organisation>;

export class TypeOrmOrganisationRepository extends OrganisationRepository {
  private readonly insertedHere = new Set<string>();

  constructor(
    private readonly manager: EntityManager,
    private readonly cache: OrganisationCache,
  ) {
    super();
  }

  async insert(organisation: Organisation): Promise<boolean> {
    const e = organisationMapper.toEntity(organisation);
    // The unique index on name_key decides: a name taken by a concurrent insert (committed, or
    // committing while this one waits) makes this one insert nothing, instead of failing the transaction.
    const inserted = await this.sql().run(
      'INSERT INTO organisations (id, name, name_key, kind, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (name_key) DO NOTHING',
      [e.id, e.name, e.nameKey, e.kind, organisation.createdAt.getTime()],
    );
    if (inserted === 1) this.insertedHere.add(organisation.id);
    return inserted === 1;
  }

  private sql(): Sql {
    return new Sql(this.manager, this.manager.connection.options.type === 'postgres');
  }

  async findById(id: string): Promise<Organisation | null> {
    return (await this.findByIds([id]))[0] ?? null;
  }

  async findByIds(ids: string[]): Promise<Organisation[]> {
    const found = ids.map((id) => this.cache.get(id)).filter((o): o is Organisation => o !== undefined);
    if (found.length === new Set(ids).size) return found;
    const fetched = await this.fetch(ids.filter((id) => !this.cache.has(id)));
    for (const o of fetched) if (!this.insertedHere.has(o.id)) this.cache.set(o.id, o);
    return [...found, ...fetched];
  }

  private async fetch(ids: string[]): Promise<Organisation[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const rows = await this.sql().rows<{
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
