import { SessionRepository, SignInLink, WebSession } from '@compact/domain';
import { EntityManager } from 'typeorm';
import { Sql } from '../data-source/sql';

interface LinkRow {
  id: string;
  user_id: string;
  token_hash: string;
  expires_at: string | number;
  used_at: string | number | null;
  created_at: string | number;
}

interface SessionRow {
  id: string;
  user_id: string;
  token_hash: string;
  csrf_token: string;
  expires_at: string | number;
  created_at: string | number;
}

const instant = (value: string | number) => new Date(Number(value));

const fromLinkRow = (r: LinkRow): SignInLink => ({
  id: r.id,
  userId: r.user_id,
  tokenHash: r.token_hash,
  expiresAt: instant(r.expires_at),
  usedAt: r.used_at == null ? null : instant(r.used_at),
  createdAt: instant(r.created_at),
});

const fromSessionRow = (r: SessionRow): WebSession => ({
  id: r.id,
  userId: r.user_id,
  tokenHash: r.token_hash,
  csrfToken: r.csrf_token,
  expiresAt: instant(r.expires_at),
  createdAt: instant(r.created_at),
});

/** Sign-in links and browser sessions, in bound SQL (every value a parameter). */
export class TypeOrmSessionRepository extends SessionRepository {
  private readonly sql: Sql;

  constructor(manager: EntityManager) {
    super();
    this.sql = new Sql(manager, manager.connection.options.type === 'postgres');
  }

  async insertLink(link: SignInLink): Promise<void> {
    await this.sql.run('INSERT INTO sign_in_links (id, user_id, token_hash, expires_at, used_at, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
      link.id,
      link.userId,
      link.tokenHash,
      link.expiresAt.getTime(),
      link.usedAt?.getTime() ?? null,
      link.createdAt.getTime(),
    ]);
  }

  async consumeLink(tokenHash: string, now: Date): Promise<SignInLink | null> {
    const changed = await this.sql.run('UPDATE sign_in_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?', [
      now.getTime(),
      tokenHash,
      now.getTime(),
    ]);
    if (changed !== 1) return null;
    const row = await this.sql.one<LinkRow>('SELECT * FROM sign_in_links WHERE token_hash = ?', [tokenHash]);
    return row ? fromLinkRow(row) : null;
  }

  async discardUnusedLinks(userId: string): Promise<number> {
    return this.sql.run('DELETE FROM sign_in_links WHERE user_id = ? AND used_at IS NULL', [userId]);
  }

  async insertSession(session: WebSession): Promise<void> {
    await this.sql.run('INSERT INTO web_sessions (id, user_id, token_hash, csrf_token, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
      session.id,
      session.userId,
      session.tokenHash,
      session.csrfToken,
      session.expiresAt.getTime(),
      session.createdAt.getTime(),
    ]);
  }

  async findSession(tokenHash: string, now: Date): Promise<WebSession | null> {
    const row = await this.sql.one<SessionRow>('SELECT * FROM web_sessions WHERE token_hash = ? AND expires_at > ?', [tokenHash, now.getTime()]);
    return row ? fromSessionRow(row) : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.sql.run('DELETE FROM web_sessions WHERE token_hash = ?', [tokenHash]);
  }

  async purgeExpired(now: Date): Promise<number> {
    const links = await this.sql.run('DELETE FROM sign_in_links WHERE expires_at <= ?', [now.getTime()]);
    const sessions = await this.sql.run('DELETE FROM web_sessions WHERE expires_at <= ?', [now.getTime()]);
    return links + sessions;
  }
}
