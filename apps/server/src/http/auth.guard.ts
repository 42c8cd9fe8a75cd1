import { createHash } from 'node:crypto';
import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticateTokenUseCase, Caller } from '@compact/application';
import { DomainError, ErrorCode } from '@compact/domain';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerException, ThrottlerGuard, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { DatabaseThrottlerStorage } from './database-throttler.storage';
import { IS_PUBLIC } from './public.decorator';

export type AuthenticatedRequest = Request & { caller?: Caller };

const BEARER = /^Bearer\s+\S+\s*$/i;

/**
 * Every route needs a bearer API token unless marked @Public(). Unknown tokens are counted per
 * client address (as Express gives it; see TRUST_PROXY) by @nestjs/throttler, in the database: past
 * BAD_TOKEN_LIMIT in a window the client gets 429 with Retry-After for the rest of the block, and
 * while blocked no token it sends is even looked up, so the refusal is the same whether the token
 * exists or not.
 */
@Injectable()
export class AuthGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() private readonly counters: DatabaseThrottlerStorage,
    reflector: Reflector,
    private readonly authenticate: AuthenticateTokenUseCase,
  ) {
    super(options, counters, reflector);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers.authorization;
    if (header !== undefined && BEARER.test(header)) {
      const key = this.generateKey(context, await this.getTracker(req), 'default');
      const blockedMs = await this.counters.blockedForMs(key, !this.authenticate.isTrusted(header));
      if (blockedMs > 0) this.refuse(context, blockedMs);
      try {
        req.caller = await this.authenticate.execute(header);
      } catch (error) {
        // Counts the failure; past the limit this throws 429 with Retry-After (set by ThrottlerGuard).
        if (error instanceof DomainError && error.code === ErrorCode.UNAUTHENTICATED) await super.canActivate(context);
        throw error;
      }
      return true;
    }
    req.caller = await this.authenticate.execute(header);
    return true;
  }

  /** One count per client address across every route (the library's default key is per route). */
  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return createHash('sha256').update(`bad-token:${name}:${tracker}`).digest('hex');
  }

  private refuse(context: ExecutionContext, blockedMs: number): never {
    context.switchToHttp().getResponse<Response>().header('Retry-After', String(Math.ceil(blockedMs / 1000)));
    throw new ThrottlerException(BAD_TOKEN_MESSAGE);
  }
}

export const BAD_TOKEN_MESSAGE =
  'Too many requests with an API token that is not valid came from your address. Wait for the number of seconds in Retry-After, then try again with a valid token.';
