import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticateTokenUseCase, Caller } from '@compact/application';
import type { Request } from 'express';
import { IS_PUBLIC } from './public.decorator';

export type AuthenticatedRequest = Request & { caller?: Caller };

/** Every route needs a bearer API token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticate: AuthenticateTokenUseCase,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    req.caller = await this.authenticate.execute(req.headers.authorization);
    return true;
  }
}
