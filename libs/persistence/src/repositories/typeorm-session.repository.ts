import { SessionRepository, SignInLink, WebSession } from '@compact/domain';
import { EntityManager, IsNull, LessThanOrEqual, MoreThan } from 'typeorm';
import { SignInLinkEntity } from '../entities/sign-in-link.entity';
import { WebSessionEntity } from '../entities/web-session.entity';

export class TypeOrmSessionRepository extends SessionRepository {
  constructor(private readonly manager: EntityManager) {
    super();
  }

  async insertLink(link: SignInLink): Promise<void> {
    await this.manager.insert(SignInLinkEntity, link);
  }

  async consumeLink(tokenHash: string, now: Date): Promise<SignInLink | null> {
    const result = await this.manager.update(
      SignInLinkEntity,
      { tokenHash, usedAt: IsNull(), expiresAt: MoreThan(now) },
      { usedAt: now },
    );
    if (result.affected !== 1) return null;
    return this.manager.findOneBy(SignInLinkEntity, { tokenHash });
  }

  async insertSession(session: WebSession): Promise<void> {
    await this.manager.insert(WebSessionEntity, session);
  }

  findSession(tokenHash: string, now: Date): Promise<WebSession | null> {
    return this.manager.findOneBy(WebSessionEntity, { tokenHash, expiresAt: MoreThan(now) });
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.manager.delete(WebSessionEntity, { tokenHash });
  }

  async purgeExpired(now: Date): Promise<number> {
    const links = await this.manager.delete(SignInLinkEntity, { expiresAt: LessThanOrEqual(now) });
    const sessions = await this.manager.delete(WebSessionEntity, { expiresAt: LessThanOrEqual(now) });
    return (links.affected ?? 0) + (sessions.affected ?? 0);
  }
}
