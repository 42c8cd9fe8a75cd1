import { randomUUID } from 'node:crypto';
import { User, UserRepository } from '@compact/domain';
import { EntityManager } from 'typeorm';
import { ApiTokenEntity } from '../entities/api-token.entity';
import { UserEntity } from '../entities/user.entity';
import { Sql } from '../data-source/sql';
import { userMapper } from '../mappers/party.mapper';

export class TypeOrmUserRepository extends UserRepository {
  constructor(private readonly manager: EntityManager) {
    super();
  }

  async insert(user: User): Promise<void> {
    await this.manager.insert(UserEntity, userMapper.toEntity(user));
  }

  async findById(id: string): Promise<User | null> {
    const e = await this.manager.findOneBy(UserEntity, { id });
    return e ? userMapper.toDomain(e) : null;
  }

  async findByEmail(email: string): Promise<User | null> {
    const e = await this.manager.findOneBy(UserEntity, { email: email.trim().toLowerCase() });
    return e ? userMapper.toDomain(e) : null;
  }

  async findByOrganisation(organisationId: string): Promise<User[]> {
    const rows = await this.manager.find(UserEntity, { where: { organisationId }, order: { email: 'ASC' } });
    return rows.map(userMapper.toDomain);
  }

  async list(): Promise<User[]> {
    const rows = await this.manager.find(UserEntity, { order: { email: 'ASC' } });
    return rows.map(userMapper.toDomain);
  }

  countByRole(role: User['role']): Promise<number> {
    return this.manager.countBy(UserEntity, { role });
  }

  async addToken(userId: string, tokenHash: string, label: string, at: Date): Promise<void> {
    await this.manager.insert(ApiTokenEntity, { id: randomUUID(), userId, tokenHash, label, createdAt: at });
  }

  async findByTokenHash(tokenHash: string): Promise<User | null> {
    const row = await new Sql(this.manager, this.manager.connection.options.type === 'postgres').one<{
      id: string;
      name: string;
      email: string;
      role: string;
      organisation_id: string | null;
      created_at: string | number;
    }>('SELECT u.id, u.name, u.email, u.role, u.organisation_id, u.created_at FROM users u JOIN api_tokens t ON t.user_id = u.id WHERE t.token_hash = ?', [tokenHash]);
    return row
      ? { id: row.id, name: row.name, email: row.email, role: row.role as User['role'], organisationId: row.organisation_id, createdAt: new Date(Number(row.created_at)) }
      : null;
  }
}
