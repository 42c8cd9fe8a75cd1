import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { requireRole } from '@compact/application';
import { UserRole } from '@compact/domain';
import type { AuthenticatedRequest } from './auth.guard';

const ROLES = 'compact:roles';

/** Only callers with one of these roles may use the route; checked before the body is looked at. */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES, roles);

/**
 * Refuses (403 FORBIDDEN) a caller whose role the route does not allow, before any pipe validates
 * the body. The use cases check the role again: this guard only makes the refusal come first.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, [context.getHandler(), context.getClass()]);
    if (!roles) return true;
    const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;
    if (!caller) throw new Error('@Roles used on a route without authentication');
    requireRole(caller, ...roles);
    return true;
  }
}
