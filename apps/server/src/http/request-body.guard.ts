import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { deferredBodyError } from './json-body';

/** The last global guard: a body that could not be used is refused only now, after authentication and roles. */
@Injectable()
export class RequestBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const error = deferredBodyError(context.switchToHttp().getRequest<Request>());
    if (error !== undefined) throw error;
    return true;
  }
}
