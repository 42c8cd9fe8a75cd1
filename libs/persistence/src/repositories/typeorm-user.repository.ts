import { randomUUID } from 'node:crypto';
import { User, UserRepository } from '@compact/domain';
import { EntityManager, IsNull } from 'typeorm';
import { ApiTokenEntity } from '../entities/api-token.entity';
import { UserEntity } from '../entities/user.entity';
import { TRUST_CHANGES_CHANNEL } from '../data-source/trust-changes';
import { Sql } from '../data-source/sql';
import { userMapper } from '../mappers/party.mapper';

interface UserRow {
  id: string;
  name: string;
  email: string;
  role: string;
  organisation_id: string | null;
  created_at: string | number;
  deactivated_at: string | number | null;
}

const USER_COLUMNS = 'u.id, u.name, u.email, u.role, u.organisation_id, u.created_at, u.deactivated_at';

const fromUserRow = (r: UserRow): User => ({
  id: r.id,
  name: r.name,
  email: r.email,
  role: r.role as User['role'],
  organisationId: r.organisation_id,
  createdAt: new Date(Number(r.created_at)),
  deactivatedAt: r.deactivated_at == null ? null : new Date(Number(r.deactivated_at)),
});

export class TypeOrmUserRepository extends UserRepository {
  constructor(private readonly manager: EntityManager) {
    super();
  }

  private sql(): Sql {
    return new Sql(this.manager, this.manager.connection.options.type === 'postgres');
  }

  async insert(user: User): Promise<boolean> {
    // The unique index on email decides (see OrganisationRepository.insert): nothing is inserted when the address is taken.
    const inserted = await this.sql().run(
      `INSERT INTO users (id, name, email, role, organisation_id, created_at, deactivated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (email) DO NOTHING`,
      [user.id, user.name, user.email.toLowerCase(), user.role, user.organisationId, user.createdAt.getTime(), user.deactivatedAt?.getTime() ?? null],
    );
    return inserted === 1;
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
    const rows = await this.sql().rows<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.organisation_id = ? AND u.deactivated_at IS NULL ORDER BY u.email`, [organisationId]);
    return rows.map(fromUserRow);
  }

  async list(): Promise<User[]> {
    const rows = await this.manager.find(UserEntity, { order: { email: 'ASC' } });
    return rows.map(userMapper.toDomain);
  }

  countByRole(role: User['role']): Promise<number> {
    return this.manager.countBy(UserEntity, { role, deactivatedAt: IsNull() });
  }

  async deactivate(userId: string, at: Date): Promise<void> {
    const sql = this.sql();
    await sql.run('UPDATE users SET deactivated_at = ? WHERE id = ? AND deactivated_at IS NULL', [at.getTime(), userId]);
    for (const table of ['api_tokens', 'web_sessions', 'sign_in_links']) await sql.run(`DELETE FROM ${table} WHERE user_id = ?`, [userId]);
    // Other instances forget the person's cached tokens as soon as this commits.
    await sql.notify(TRUST_CHANGES_CHANNEL, userId);
  }

  async addToken(userId: string, tokenHash: string, label: string, at: Date): Promise<void> {
    await this.manager.insert(ApiTokenEntity, { id: randomUUID(), userId, tokenHash, label, createdAt: at });
  }

  async findByTokenHash(tokenHash: string): Promise<User | null> {
    const row = await this.sql().one<UserRow>(`SELECT ${USER_COLUMNS} FROM users u JOIN api_tokens t ON t.user_id = u.id WHERE t.token_hash = ? AND u.deactivated_at IS NULL`, [tokenHash]);
    return row ? fromUserRow(row) : null;
  }
}
