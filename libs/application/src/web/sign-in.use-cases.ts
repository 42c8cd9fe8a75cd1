import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CompactIndex, DomainError, ErrorCode, Repositories, Store, ThrottleRule, User } from '@compact/domain';
import { renderSignInMail } from '@compact/mail';
import { APP_CONFIG } from '../application.tokens';
import { Caller } from '../auth/caller';
import { AppConfig } from '../config/app-config';
import { newOutboxMessage } from '../mail/new-outbox-message';
import { BackgroundTasks } from '../runtime/background-tasks';
import { Clock } from '../runtime/clock';

export const SIGN_IN_LINK_MINUTES = 15;
export const SESSION_HOURS = 12;

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');
const randomToken = () => randomBytes(32).toString('base64url');

/**
 * Writes a one-time link for `user` and queues the email carrying it, inside the caller's
 * transaction. The person's links not yet used stop working: only the newest one signs in.
 * `next` (a path on this site, checked by the page that asks) is where the link leads once used;
 * the link carries it only when it is not the usual /cases.
 */
export async function queueSignInLink(
  repos: Repositories,
  user: User,
  at: Date,
  config: AppConfig,
  compact: CompactIndex,
  invitation: boolean,
  next?: string,
): Promise<void> {
  const token = randomToken();
  await repos.sessions.discardUnusedLinks(user.id);
  const expiresAt = new Date(at.getTime() + SIGN_IN_LINK_MINUTES * 60_000);
  await repos.sessions.insertLink({
    id: randomUUID(),
    userId: user.id,
    tokenHash: sha256(token),
    expiresAt,
    usedAt: null,
    createdAt: at,
  });
  const mail = renderSignInMail({
    serviceName: compact.catalog.name,
    name: user.name,
    link: `${config.publicUrl}/sign-in/${token}${next && next !== '/cases' ? `?next=${encodeURIComponent(next)}` : ''}`,
    validMinutes: SIGN_IN_LINK_MINUTES,
    invitation,
  });
  await repos.outbox.enqueue([
    // The email expires with its link: its body is erased then (or once delivered, if sooner).
    newOutboxMessage({ caseId: null, kind: invitation ? 'invitation' : 'sign-in', topic: user.id, at, expiresAt, to: [user.email], cc: [], ...mail }),
  ]);
}

/** The key a throttle counts under: a hash, so that no address is stored. */
export const throttleKey = (name: string, value: string) => sha256(`${name}:${value}`);

/**
 * Sends a sign-in link to a known, active address, at most SIGN_IN_LIMIT_PER_ADDRESS per address
 * and SIGN_IN_LIMIT_PER_CLIENT per client address in each window. Says nothing about whether the
 * address is known or a limit was reached, by its answer or its timing: the request itself only
 * counts the two throttles (the same work for every address), and the lookup, the link and the
 * mail are done after the answer, as a background task.
 */
@Injectable()
export class RequestSignInLinkUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly compact: CompactIndex,
    private readonly background: BackgroundTasks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(email: string, client: string, next?: string): Promise<void> {
    const at = this.clock.now();
    const address = email.trim().toLowerCase();
    const window = this.config.signInLimitWindowMinutes * 60_000;
    const rule = (limit: number): ThrottleRule => ({ windowMs: window, limit, blockMs: window });
    const allowed = await this.store.write(async (r) => {
      const byAddress = await r.throttles.hit(throttleKey('sign-in-address', address), rule(this.config.signInLimitPerAddress), at);
      const byClient = await r.throttles.hit(throttleKey('sign-in-client', client), rule(this.config.signInLimitPerClient), at);
      return !byAddress.blocked && !byClient.blocked;
    });
    if (!allowed) return;
    this.background.run('sign-in link', () =>
      this.store.write(async (r) => {
        const user = await r.users.findByEmail(address);
        if (user && !user.deactivatedAt) await queueSignInLink(r, user, at, this.config, this.compact, false, next);
      }),
    );
  }
}

export interface WebSessionTicket {
  /** The cookie value: shown to the browser only. */
  token: string;
  /** When the server ends the session (on the application's clock). */
  expiresAt: Date;
  /** How long the session lasts: the browser is given this duration, not the date. */
  lifetimeMs: number;
  user: User;
}

/** Uses a sign-in link (once, within its 15 minutes) and opens a browser session. */
@Injectable()
export class SignInWithLinkUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  execute(linkToken: string): Promise<WebSessionTicket> {
    const now = this.clock.now();
    return this.store.write(async (r) => {
      const link = await r.sessions.consumeLink(sha256(linkToken), now);
      const user = link ? await r.users.findById(link.userId) : null;
      if (!link || !user || user.deactivatedAt) {
        throw new DomainError(ErrorCode.UNAUTHENTICATED, 'This sign-in link has expired or has already been used');
      }
      const token = randomToken();
      const lifetimeMs = SESSION_HOURS * 3_600_000;
      const expiresAt = new Date(now.getTime() + lifetimeMs);
      await r.sessions.insertSession({
        id: randomUUID(),
        userId: user.id,
        tokenHash: sha256(token),
        csrfToken: randomToken(),
        expiresAt,
        createdAt: now,
      });
      await r.sessions.purgeExpired(now);
      return { token, expiresAt, lifetimeMs, user };
    });
  }
}

export interface SessionCaller extends Caller {
  csrfToken: string;
}

@Injectable()
export class AuthenticateSessionUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** The caller behind a session cookie, or null when there is none or it has expired. */
  execute(sessionToken: string | undefined): Promise<SessionCaller | null> {
    if (!sessionToken) return Promise.resolve(null);
    return this.store.read(async (r) => {
      const session = await r.sessions.findSession(sha256(sessionToken), this.clock.now());
      const user = session ? await r.users.findById(session.userId) : null;
      return session && user && !user.deactivatedAt ? { user, csrfToken: session.csrfToken } : null;
    });
  }
}

@Injectable()
export class SignOutUseCase {
  constructor(private readonly store: Store) {}

  async execute(sessionToken: string): Promise<void> {
    await this.store.write((r) => r.sessions.deleteSession(sha256(sessionToken)));
  }
}
