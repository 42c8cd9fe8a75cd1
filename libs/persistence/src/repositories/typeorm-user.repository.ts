import { randomUUID } from 'node:crypto';
import { User, UserRepository } from '@compact/domain';
import { EntityManager } from 'typeorm';
import { ApiTokenEntity } from '../entities/api-token.entity';
import { UserEntity } from '../entities/user.entity';
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
    const e = await this.manager
      .createQueryBuilder(UserEntity, 'u')
      .innerJoin(ApiTokenEntity, 't', 't.userId = u.id')
      .where('t.tokenHash = :tokenHash', { tokenHash })
      .getOne();
    return e ? userMapper.toDomain(e) : null;
  }
}
